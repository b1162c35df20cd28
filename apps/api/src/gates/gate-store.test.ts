import { describe, expect, it } from "vitest";
import { storeBackendNames, useTestStore } from "../store/testing/store-matrix";
import { GateStore } from "./gate-store";

const release = { namespace: "shop", name: "cart", checksum: "5c8f6a2b1d" };

describe.each(storeBackendNames())("the gate store on %s", (backend) => {
  const { open, closeAll } = useTestStore(backend);
  /** A replica's gate store: its own connection to the shared store. */
  const replica = async () => new GateStore(await open());

  it("opens the gate for a decision recorded through another replica, for that gate and release only", async () => {
    const a = await replica();
    const b = await replica();
    expect(await b.isOpen("confirm-promotion", release)).toBe(false);
    await a.record({ ...release, decision: "promote", scope: "confirm-promotion", by: "ana", at: "t" });
    expect(await b.isOpen("confirm-promotion", release)).toBe(true);
    expect(await b.isOpen("confirm-rollout", release)).toBe(false);
    expect(await b.isOpen("any-confirm", release)).toBe(false);
    expect(await b.isOpen("confirm-promotion", { ...release, checksum: "next-release" })).toBe(false);
    expect(await b.isOpen("confirm-promotion", { ...release, name: "ledger" })).toBe(false);
    expect(await b.isOpen("confirm-promotion", { namespace: "shop", name: "cart" })).toBe(false);
  });

  it("keeps decisions across a restart", async () => {
    await (await replica()).record({
      ...release,
      decision: "rollback",
      scope: "rollback",
      by: "ana",
      at: "2026-12-01T10:00:00Z",
    });
    await closeAll();
    const restarted = await replica();
    expect(await restarted.isOpen("rollback", release)).toBe(true);
    expect(await restarted.list()).toEqual([
      { ...release, decision: "rollback", scope: "rollback", by: "ana", at: "2026-12-01T10:00:00Z" },
    ]);
  });

  it("reads decisions made before gates had scopes as the catch-all confirm gate and the rollback gate", async () => {
    const gates = await replica();
    const at = "2026-11-01T10:00:00Z";
    await gates.record({ ...release, decision: "promote", by: "ana", at });
    await gates.record({ ...release, name: "ledger", decision: "rollback", by: "ana", at });
    expect(await gates.isOpen("any-confirm", release)).toBe(true);
    expect(await gates.isOpen("confirm-promotion", release)).toBe(false);
    expect(await gates.isOpen("rollback", release)).toBe(false);
    expect(await gates.isOpen("rollback", { ...release, name: "ledger" })).toBe(true);
  });

  it("keeps every decision of overlapping records, and one per gate and release", async () => {
    const gates = await replica();
    const names = Array.from({ length: 30 }, (_, i) => `svc-${i}`);
    await Promise.all(
      names.map((name) => gates.record({ ...release, name, decision: "promote", by: "ana", at: "now" })),
    );
    await gates.record({ ...release, name: "svc-0", decision: "promote", by: "bo", at: "later" });
    const listed = await (await replica()).list();
    expect(listed.map((d) => d.name).sort()).toEqual([...names].sort());
    expect(listed.find((d) => d.name === "svc-0")?.by).toBe("bo");
  });

  it("refuses a decision that is not one, recording nothing", async () => {
    const gates = await replica();
    await expect(
      gates.record({ ...release, decision: "merge" as "promote", by: "ana", at: "now" }),
    ).rejects.toThrow(/decision/);
    expect(await gates.list()).toEqual([]);
  });
});
