import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canaryDelivery, rolloutDelivery } from "@rollscope/shared";
import { canaryRollout, flaggerCanary } from "@rollscope/shared/testing/builders";
import { describe, expect, it } from "vitest";
import { WeightHistory } from "./weight-history";

const delivery = (patch: Parameters<typeof canaryRollout>[0] = {}) =>
  rolloutDelivery({ cluster: "c", rollout: canaryRollout(patch) });

describe("weight history", () => {
  it("records only changes, with markers, and keeps them across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rollscope-history-"));
    const history = new WeightHistory(dir);
    expect(history.record(delivery(), 1000)).toMatchObject({ setWeight: 20, step: "1/8" });
    expect(history.record(delivery(), 2000)).toBeUndefined();
    const next = history.record(
      delivery({
        status: {
          currentStepIndex: 2,
          pauseConditions: null,
          controllerPause: null,
          phase: "Progressing",
          message: null,
        },
      }),
      3000,
    );
    expect(next).toMatchObject({ setWeight: 40, step: "2/8" });
    expect(next?.markers.map((m) => m.kind)).toEqual(["step", "resume"]);
    history.recordAction(delivery().ref, "Promote by ana", 2500);
    await history.flush();
    const reopened = new WeightHistory(dir);
    expect(reopened.get(delivery().ref).map((p) => p.t)).toEqual([1000, 3000, 2500]);
    expect(reopened.get(delivery().ref, 2600).map((p) => p.t)).toEqual([3000]);
  });

  it("is bounded per delivery and compacts its file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rollscope-history-"));
    const history = new WeightHistory(dir, 5, 2_000);
    for (let i = 0; i < 40; i++) history.recordAction(delivery().ref, `action ${i}`, i);
    await history.flush();
    expect(history.get(delivery().ref)).toHaveLength(5);
    expect(new WeightHistory(dir, 5).get(delivery().ref).map((p) => p.t)).toEqual([35, 36, 37, 38, 39]);
  });

  it("marks each analysis run when it starts, not on every point while it runs", () => {
    const history = new WeightHistory(mkdtempSync(join(tmpdir(), "rollscope-history-")));
    const canary = (phase: string, canaryWeight: number, lastAppliedSpec = "rev-a") =>
      canaryDelivery({
        cluster: "c",
        canary: flaggerCanary({ status: { phase, canaryWeight, lastAppliedSpec } }),
      });
    const analysisMarkers = (d: ReturnType<typeof canary>, t: number) =>
      history
        .record(d, t)
        ?.markers.filter((m) => m.kind === "analysis")
        .map((m) => m.label);
    expect(analysisMarkers(canary("Initialized", 0), 1)).toEqual([]);
    expect(analysisMarkers(canary("Progressing", 5), 2)).toEqual(["Analysis podinfo analysis"]);
    expect(analysisMarkers(canary("Progressing", 10), 3)).toEqual([]);
    expect(analysisMarkers(canary("Succeeded", 0), 4)).toEqual([]);
    expect(analysisMarkers(canary("Progressing", 5, "rev-b"), 5)).toEqual(["Analysis podinfo analysis"]);
  });
});
