import { describe, expect, it } from "vitest";
import type { Rollout } from "../schemas/argo/rollout";
import { parseObject } from "../schemas/parse";
import { isGenerationObserved, rolloutPhase } from "./rollout-phase";

const rollout = (generation: number, observedGeneration: string | number | undefined): Rollout => ({
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Rollout",
  metadata: { name: "web", namespace: "shop", generation },
  spec: { replicas: 1, strategy: { canary: {} } },
  status: {
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
    replicas: 2,
    updatedReplicas: 1,
    availableReplicas: 1,
  },
});

describe("isGenerationObserved, as the plugin's strconv.Atoi reads status.observedGeneration", () => {
  it("compares a whole decimal number with metadata.generation", () => {
    expect(isGenerationObserved(rollout(2, "1"))).toBe(false);
    expect(isGenerationObserved(rollout(2, "2"))).toBe(true);
    expect(isGenerationObserved(rollout(2, "+2"))).toBe(true);
    expect(isGenerationObserved(rollout(2, 1))).toBe(false);
    // Higher than the generation: a replaced object, or a v0.9 hash made only of digits.
    expect(isGenerationObserved(rollout(1, "8575574967"))).toBe(true);
  });

  it("treats a pre-v0.10 hash as observed, even when it starts with digits", () => {
    // Argo CD's canary/progressing_killingOldReplicas.yaml: generation 101, observedGeneration 7fcc96c7b7.
    expect(isGenerationObserved(rollout(101, "7fcc96c7b7"))).toBe(true);
    expect(isGenerationObserved(rollout(12, "7b965d5d74"))).toBe(true);
    expect(isGenerationObserved(rollout(3, "c45557fd9"))).toBe(true);
    expect(isGenerationObserved(rollout(3, " 2"))).toBe(true);
    expect(isGenerationObserved(rollout(3, "1.0"))).toBe(true);
    expect(isGenerationObserved(rollout(3, ""))).toBe(true);
    expect(isGenerationObserved(rollout(3, undefined))).toBe(true);
  });

  it("treats a number beyond int64 as observed (Atoi fails with a range error)", () => {
    expect(isGenerationObserved(rollout(3, "9223372036854775808"))).toBe(true);
    expect(isGenerationObserved(rollout(3, "-9223372036854775809"))).toBe(true);
    expect(isGenerationObserved(rollout(3, "-9223372036854775808"))).toBe(false);
  });

  it("so a hash-observed Rollout gets the client-side phase, not 'waiting for … to be observed'", () => {
    expect(rolloutPhase(rollout(101, "7fcc96c7b7"))).toEqual({
      phase: "Progressing",
      message: "old replicas are pending termination",
    });
  });
});

describe("rolloutPhase in every branch of rolloututil.GetRolloutPhase / CalculateRolloutPhase", () => {
  const healthy = {
    observedGeneration: "3",
    stableRS: "aaa",
    currentPodHash: "aaa",
    replicas: 2,
    updatedReplicas: 2,
    readyReplicas: 2,
    availableReplicas: 2,
  };
  const canary = { strategy: { canary: { steps: [{ setWeight: 50 }] } } };
  const routed = { strategy: { canary: { steps: [{ setWeight: 50 }], trafficRouting: { smi: {} } } } };
  const blueGreen = { strategy: { blueGreen: { activeService: "web" } } };
  const postAnalysis = {
    strategy: {
      blueGreen: { activeService: "web", postPromotionAnalysis: { templates: [{ templateName: "t" }] } },
    },
  };
  const at = "2024-05-01T10:00:00Z";
  const cond = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    lastTransitionTime: at,
    lastUpdateTime: at,
  });
  const of = (spec: object, status: object | undefined): Rollout => {
    const parsed = parseObject("Rollout", {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Rollout",
      metadata: { name: "web", namespace: "shop", generation: 3 },
      spec: { replicas: 2, ...spec },
      ...(status ? { status } : {}),
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  };

  // [case, spec, status, the plugin's status, the plugin's message] — as e2e/oracle prints them.
  const cases: Array<[string, object, object | undefined, string, string]> = [
    [
      "spec not observed",
      canary,
      { ...healthy, observedGeneration: "2", phase: "Healthy" },
      "Progressing",
      "waiting for rollout spec update to be observed",
    ],
    [
      "observed past the generation",
      canary,
      { ...healthy, observedGeneration: "5", phase: "Paused", message: "CanaryPauseStep" },
      "Paused",
      "CanaryPauseStep",
    ],
    [
      "unpausing",
      canary,
      { ...healthy, controllerPause: true, phase: "Paused" },
      "Progressing",
      "waiting for rollout to unpause",
    ],
    [
      "controller pause with its conditions",
      canary,
      {
        ...healthy,
        controllerPause: true,
        pauseConditions: [{ reason: "CanaryPauseStep", startTime: at }],
        phase: "Paused",
        message: "CanaryPauseStep",
      },
      "Paused",
      "CanaryPauseStep",
    ],
    [
      "a phase word the controller invented",
      canary,
      { ...healthy, phase: "Terminating", message: "scaling down" },
      "Terminating",
      "scaling down",
    ],
    [
      "an empty phase is computed, its message dropped",
      canary,
      { ...healthy, phase: "", message: "stale" },
      "Healthy",
      "",
    ],
    ["no status at all", canary, undefined, "Progressing", "more replicas need to be updated"],
    [
      "InvalidSpec of any status",
      canary,
      {
        ...healthy,
        conditions: [
          cond("Available", "True", "AvailableReason", "ok"),
          cond("InvalidSpec", "False", "InvalidSpec", "was bad"),
        ],
      },
      "Degraded",
      "InvalidSpec: was bad",
    ],
    [
      "aborted",
      canary,
      {
        ...healthy,
        abort: true,
        conditions: [cond("Progressing", "False", "RolloutAborted", "Rollout aborted update to revision 2")],
      },
      "Degraded",
      "RolloutAborted: Rollout aborted update to revision 2",
    ],
    [
      "timed out, first condition wins",
      canary,
      {
        ...healthy,
        conditions: [
          cond("Progressing", "False", "ProgressDeadlineExceeded", "slow"),
          cond("InvalidSpec", "True", "InvalidSpec", "bad"),
        ],
      },
      "Degraded",
      "ProgressDeadlineExceeded: slow",
    ],
    [
      "manually paused",
      { ...canary, paused: true },
      { ...healthy, pauseConditions: [{ reason: "CanaryPauseStep", startTime: at }] },
      "Paused",
      "manually paused",
    ],
    [
      "first pause condition",
      canary,
      {
        ...healthy,
        pauseConditions: [
          { reason: "InconclusiveAnalysisRun", startTime: at },
          { reason: "CanaryPauseStep", startTime: at },
        ],
      },
      "Paused",
      "InconclusiveAnalysisRun",
    ],
    [
      "restart asked, none done",
      { ...canary, restartAt: at },
      healthy,
      "Progressing",
      "rollout is restarting",
    ],
    [
      "restart asked after the last one",
      { ...canary, restartAt: at },
      { ...healthy, restartedAt: "2024-05-01T09:00:00Z" },
      "Progressing",
      "rollout is restarting",
    ],
    [
      "the same restart instant written with an offset",
      { ...canary, restartAt: "2024-05-01T12:00:00Z" },
      { ...healthy, restartedAt: "2024-05-01T14:00:00+02:00" },
      "Healthy",
      "",
    ],
    [
      "a restart one nanosecond later",
      { ...canary, restartAt: "2024-05-01T12:00:00.000000001Z" },
      { ...healthy, restartedAt: "2024-05-01T12:00:00Z" },
      "Progressing",
      "rollout is restarting",
    ],
    [
      "replicas default to 1",
      { ...canary, replicas: undefined },
      { ...healthy, updatedReplicas: 0 },
      "Progressing",
      "more replicas need to be updated",
    ],
    [
      "updated not yet available",
      canary,
      { ...healthy, availableReplicas: 1 },
      "Progressing",
      "updated replicas are still becoming available",
    ],
    [
      "basic canary with old replicas",
      canary,
      { ...healthy, replicas: 3 },
      "Progressing",
      "old replicas are pending termination",
    ],
    ["routed canary keeps old replicas", routed, { ...healthy, replicas: 3 }, "Healthy", ""],
    [
      "canary without a stable",
      canary,
      { ...healthy, stableRS: "" },
      "Progressing",
      "waiting for all steps to complete",
    ],
    [
      "canary mid-update",
      routed,
      { ...healthy, currentPodHash: "bbb" },
      "Progressing",
      "waiting for all steps to complete",
    ],
    [
      "blue-green without an active selector",
      blueGreen,
      healthy,
      "Progressing",
      "active service cutover pending",
    ],
    [
      "blue-green active elsewhere",
      blueGreen,
      { ...healthy, blueGreen: { activeSelector: "zzz" } },
      "Progressing",
      "active service cutover pending",
    ],
    [
      "post-promotion analysis running",
      postAnalysis,
      {
        ...healthy,
        stableRS: "zzz",
        blueGreen: {
          activeSelector: "aaa",
          postPromotionAnalysisRunStatus: { name: "r", status: "Running" },
        },
      },
      "Progressing",
      "waiting for analysis to complete",
    ],
    [
      "post-promotion analysis not started",
      postAnalysis,
      { ...healthy, stableRS: "", blueGreen: { activeSelector: "aaa" } },
      "Progressing",
      "waiting for analysis to complete",
    ],
    [
      "post-promotion analysis inconclusive",
      postAnalysis,
      {
        ...healthy,
        stableRS: "zzz",
        blueGreen: {
          activeSelector: "aaa",
          postPromotionAnalysisRunStatus: { name: "r", status: "Inconclusive" },
        },
      },
      "Progressing",
      "waiting for post-promotion verification to complete",
    ],
    [
      "blue-green verification",
      blueGreen,
      { ...healthy, stableRS: "zzz", blueGreen: { activeSelector: "aaa" } },
      "Progressing",
      "waiting for post-promotion verification to complete",
    ],
    ["blue-green healthy", blueGreen, { ...healthy, blueGreen: { activeSelector: "aaa" } }, "Healthy", ""],
    [
      "both strategies: blue-green is checked",
      { strategy: { ...canary.strategy, ...blueGreen.strategy } },
      healthy,
      "Progressing",
      "active service cutover pending",
    ],
    ["no strategy", { strategy: {} }, { ...healthy, stableRS: "", currentPodHash: "" }, "Healthy", ""],
    ["canary healthy", canary, healthy, "Healthy", ""],
  ];

  it.each(cases)("%s", (_name, spec, status, phase, message) => {
    expect(rolloutPhase(of(spec, status))).toEqual({ phase, message });
  });
});
