import { describe, expect, it } from "vitest";
import { needsAttention, toSummary } from "../delivery/summary";
import { deployment, flaggerCanary } from "../testing/builders";
import { canaryAnalysisRun } from "./canary-analysis-run";
import { canaryDelivery } from "./canary-delivery";

// The builder's canary has threshold 10.
const withStatus = (phase: string, failedChecks = 0) => flaggerCanary({ status: { phase, failedChecks } });

describe("a Flagger canary's analysis as a run", () => {
  it.each([
    ["Initializing", undefined],
    ["Initialized", undefined],
    ["Waiting", undefined],
    ["Progressing", "Running"],
    ["WaitingPromotion", "Successful"],
    ["Promoting", "Successful"],
    ["Finalising", "Successful"],
    ["Succeeded", "Successful"],
    ["Failed", "Failed"],
    ["Terminated", undefined],
  ])("%s → %s", (phase, runPhase) => {
    expect(canaryAnalysisRun(withStatus(phase))?.phase).toBe(runPhase);
  });

  it("counts failed checks against the threshold", () => {
    const run = canaryAnalysisRun(withStatus("Progressing", 2));
    expect(run).toMatchObject({
      name: "podinfo analysis",
      role: "flagger",
      phase: "Running",
      message: "2 of 10 failed checks",
      counts: { failed: 2 },
    });
    expect(canaryAnalysisRun(withStatus("Progressing", 0))?.message).toBeUndefined();
  });
});

describe("needs attention", () => {
  const summaryOf = (phase: string, failedChecks = 0) =>
    toSummary(
      canaryDelivery({
        cluster: "c",
        canary: withStatus(phase, failedChecks),
        deployments: [
          deployment("podinfo", "test", "ghcr.io/stefanprodan/podinfo:6.0.1"),
          deployment("podinfo-primary", "test", "ghcr.io/stefanprodan/podinfo:6.0.0"),
        ],
      }),
    );

  it("an analysis with failed checks needs attention before it reaches the threshold", () => {
    expect(summaryOf("Progressing", 1).analysis).toMatchObject({ phase: "Running", failedMeasurements: 1 });
    expect(needsAttention(summaryOf("Progressing", 1))).toBe(true);
  });

  it("a clean analysis in progress does not; a failed canary and one at the promotion gate do", () => {
    expect(needsAttention(summaryOf("Progressing", 0))).toBe(false);
    expect(needsAttention(summaryOf("Failed", 10))).toBe(true);
    expect(needsAttention(summaryOf("WaitingPromotion"))).toBe(true);
    expect(needsAttention(summaryOf("Succeeded"))).toBe(false);
  });

  it.each([
    ["Failed", 0, true],
    ["Error", 0, true],
    ["Inconclusive", 0, true],
    ["Running", 1, true],
    ["Running", 0, false],
    ["Successful", 0, false],
  ])("an Argo run %s with %i failed measurements: %s", (phase, failedMeasurements, expected) => {
    const analysis = { name: "r", role: "step" as const, phase, failedMeasurements };
    expect(needsAttention({ phase: "progressing", waitingForPerson: false, analysis })).toBe(expected);
  });
});
