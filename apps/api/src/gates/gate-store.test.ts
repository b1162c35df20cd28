import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { simulatedCrash } from "../persistence/testing/simulated-crash";
import { GateStore } from "./gate-store";

vi.mock("node:fs/promises", async (original) =>
  (await import("../persistence/testing/simulated-crash")).crashingFsPromises(await original()),
);

const release = { namespace: "shop", name: "cart", checksum: "5c8f6a2b1d" };

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "rollscope-gates-"));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  simulatedCrash.reset();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the gate store", () => {
  it("keeps decisions across a restart, each for the gate it opens", async () => {
    const dir = tempDir();
    const at = new Date().toISOString();
    await new GateStore(dir).record({
      ...release,
      decision: "promote",
      scope: "confirm-promotion",
      by: "ana",
      at,
    });
    const reopened = new GateStore(dir);
    expect(reopened.isOpen("confirm-promotion", release)).toBe(true);
    expect(reopened.isOpen("confirm-rollout", release)).toBe(false);
    expect(reopened.isOpen("confirm-promotion", { ...release, checksum: "next-release" })).toBe(false);
    expect(reopened.isOpen("confirm-promotion", { namespace: "shop", name: "cart" })).toBe(false);
  });

  it("reads decisions saved before gates had scopes as the catch-all confirm gate and the rollback gate", () => {
    const dir = tempDir();
    const at = "2026-11-01T10:00:00Z";
    writeFileSync(
      join(dir, "gates.json"),
      JSON.stringify([
        { ...release, decision: "promote", by: "ana", at },
        { ...release, name: "ledger", decision: "rollback", by: "ana", at },
      ]),
    );
    const store = new GateStore(dir);
    expect(store.isOpen("any-confirm", release)).toBe(true);
    expect(store.isOpen("confirm-promotion", release)).toBe(false);
    expect(store.isOpen("rollback", { ...release, name: "ledger" })).toBe(true);
  });

  it("keeps every decision of overlapping records", async () => {
    const dir = tempDir();
    const store = new GateStore(dir);
    const names = Array.from({ length: 30 }, (_, i) => `svc-${i}`);
    // Big enough that writes overlapping in one file would interleave.
    const by = "a".repeat(100_000);
    await Promise.all(
      names.map((name) => store.record({ ...release, name, decision: "promote", by, at: "now" })),
    );
    const reopened = new GateStore(dir);
    expect(reopened.list().map((d) => d.name)).toEqual(expect.arrayContaining(names));
    expect(reopened.list()).toHaveLength(names.length);
  });

  it("keeps the earlier decisions when Rollscope crashes while saving a new one", async () => {
    const dir = tempDir();
    const store = new GateStore(dir);
    await store.record({ ...release, decision: "promote", scope: "confirm-promotion", by: "ana", at: "t1" });

    simulatedCrash.armed = true;
    void store.record({ ...release, name: "ledger", decision: "rollback", by: "bo", at: "t2" });
    await vi.waitFor(() => expect(simulatedCrash.happened).toBe(true));
    simulatedCrash.armed = false;

    const restarted = new GateStore(dir);
    expect(restarted.isOpen("confirm-promotion", release)).toBe(true);
    expect(restarted.isOpen("rollback", { ...release, name: "ledger" })).toBe(false);
  });

  it("refuses to start on a torn gates.json, naming it, and leaves it as it was", () => {
    const dir = tempDir();
    const path = join(dir, "gates.json");
    const torn = `[{"namespace":"shop","name":"cart","checksum":"5c8f`;
    writeFileSync(path, torn);
    expect(() => new GateStore(dir)).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/gates\.json .*has been kept/) }),
    );
    expect(readFileSync(path, "utf8")).toBe(torn);
  });
});
