import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Delivery } from "@rollscope/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../observability/logger";
import { simulatedCrash } from "../persistence/testing/simulated-crash";
import { type FollowUp, FollowUps } from "./follow-ups";

vi.mock("node:fs/promises", async (original) =>
  (await import("../persistence/testing/simulated-crash")).crashingFsPromises(await original()),
);

const restoreAnalysis = (name: string): Omit<FollowUp, "id"> => ({
  cluster: "prod",
  namespace: "shop",
  name,
  lastAppliedSpec: "abc",
  requests: [
    {
      type: "patch",
      target: { kind: "Canary", namespace: "shop", name },
      patchType: "merge",
      body: { spec: { skipAnalysis: false } },
    },
  ],
  reason: "after Promote by ana",
});

const finished = (name: string) =>
  ({
    ref: { cluster: "prod", kind: "Canary", namespace: "shop", name },
    rawPhase: "Succeeded",
    observed: { lastAppliedSpec: "abc" },
  }) as unknown as Delivery;

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "rollscope-followups-"));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  simulatedCrash.reset();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("follow-ups", () => {
  it("are on disk once added, and their removal once due is saved too", async () => {
    const dir = tempDir();
    const followUps = new FollowUps(dir, silentLogger());
    await Promise.all([followUps.add(restoreAnalysis("cart")), followUps.add(restoreAnalysis("ledger"))]);
    expect(new FollowUps(dir, silentLogger()).list().map((f) => f.name)).toEqual(["cart", "ledger"]);

    expect(followUps.due(finished("cart")).map((f) => f.name)).toEqual(["cart"]);
    await followUps.flush();
    expect(new FollowUps(dir, silentLogger()).list().map((f) => f.name)).toEqual(["ledger"]);
  });

  it("keep the earlier ones when Rollscope crashes while saving a new one", async () => {
    const dir = tempDir();
    const followUps = new FollowUps(dir, silentLogger());
    await followUps.add(restoreAnalysis("cart"));

    simulatedCrash.armed = true;
    void followUps.add(restoreAnalysis("ledger"));
    await vi.waitFor(() => expect(simulatedCrash.happened).toBe(true));
    simulatedCrash.armed = false;

    expect(new FollowUps(dir, silentLogger()).list().map((f) => f.name)).toEqual(["cart"]);
  });

  it("refuse to start on a follow-ups.json they cannot read, naming it, and leave it as it was", () => {
    const dir = tempDir();
    const path = join(dir, "follow-ups.json");
    const torn = `[{"id":"1","cluster":"prod","namespace":"shop","name":"cart","lastAppl`;
    writeFileSync(path, torn);
    expect(() => new FollowUps(dir, silentLogger())).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/follow-ups\.json .*has been kept/) }),
    );
    expect(readFileSync(path, "utf8")).toBe(torn);
  });

  it("log a removal that cannot be saved instead of leaving the failure unhandled", async () => {
    const dir = tempDir();
    const log = silentLogger();
    const logged = vi.spyOn(log, "error");
    const followUps = new FollowUps(dir, log);
    await followUps.add(restoreAnalysis("cart"));
    // The file can no longer be replaced: a non-empty directory stands where it was.
    const path = join(dir, "follow-ups.json");
    rmSync(path);
    mkdirSync(path);
    writeFileSync(join(path, "blocker"), "");

    expect(followUps.due(finished("cart"))).toHaveLength(1);
    await followUps.flush();
    await vi.waitFor(() => expect(logged).toHaveBeenCalledOnce());
    expect(logged.mock.calls[0]?.[1]).toMatch(/could not save/);
  });
});
