import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GateStore } from "./gate-store";

const release = { namespace: "shop", name: "cart", checksum: "5c8f6a2b1d" };

describe("the gate store", () => {
  it("keeps decisions across a restart, each for the gate it opens", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rollscope-gates-"));
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
    const dir = mkdtempSync(join(tmpdir(), "rollscope-gates-"));
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
});
