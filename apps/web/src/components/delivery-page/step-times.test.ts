import { canaryDelivery, rolloutDelivery } from "@rollscope/shared";
import { canaryRollout, deployment, flaggerCanary } from "@rollscope/shared/testing/builders";
import { describe, expect, it } from "vitest";
import { formatDuration } from "../charts/format";
import { type HistoryLike, stepStartTimes } from "./step-times";

const point = (t: number, setWeight: number, step: string, revision: string): HistoryLike => ({
  t,
  setWeight,
  step,
  revision,
});
const deployments = [
  deployment("podinfo", "test", "ghcr.io/stefanprodan/podinfo:6.0.1"),
  deployment("podinfo-primary", "test", "ghcr.io/stefanprodan/podinfo:6.0.0"),
];

describe("step start times", () => {
  it("Argo: each step starts when the history first shows it, within the current revision", () => {
    // The builder's rollout is at step 1/8 of pod hash 7d9c5b8f6.
    const d = rolloutDelivery({ cluster: "c", rollout: canaryRollout({ status: { currentStepIndex: 3 } }) });
    const history = [
      point(100, 20, "1/8", "55bdff45cb"), // an earlier revision passing the same step
      point(1000, 0, "0/8", "7d9c5b8f6"),
      point(1005, 20, "1/8", "7d9c5b8f6"),
      point(1100, 40, "2/8", "7d9c5b8f6"),
      point(1101, 40, "3/8", "7d9c5b8f6"),
    ];
    const starts = stepStartTimes(d, history);
    expect(Object.fromEntries(starts)).toEqual({ 0: 1000, 1: 1005, 2: 1100, 3: 1101 });
  });

  it("Flagger traffic steps start when the canary first reached their weight", () => {
    const canary = flaggerCanary({ status: { canaryWeight: 15 } });
    const d = canaryDelivery({ cluster: "c", canary, deployments });
    const rev = "5d8c7b9f4";
    const history = [point(10, 5, "", rev), point(40, 10, "", rev), point(70, 15, "", rev)];
    const starts = stepStartTimes(d, history);
    const weightAt = new Map(
      d.timeline.flatMap((i) => (i.type === "trafficStep" ? [[i.index, i.weight] as const] : [])),
    );
    const byWeight = Object.fromEntries([...starts].map(([index, t]) => [weightAt.get(index), t]));
    expect(byWeight).toEqual({ 5: 10, 10: 40, 15: 70 });
  });

  it("Flagger iterations: iteration n starts when n − 1 of them were done", () => {
    const canary = flaggerCanary({
      spec: { analysis: { stepWeight: null, maxWeight: null, iterations: 4 } },
      status: { canaryWeight: 0, iterations: 2 },
    });
    const d = canaryDelivery({ cluster: "c", canary, deployments });
    const rev = "5d8c7b9f4";
    const history = [point(10, 0, "0/4", rev), point(70, 0, "1/4", rev), point(130, 0, "2/4", rev)];
    const starts = stepStartTimes(d, history);
    const nAt = new Map(d.timeline.flatMap((i) => (i.type === "iteration" ? [[i.index, i.n] as const] : [])));
    const byIteration = Object.fromEntries([...starts].map(([index, t]) => [nAt.get(index), t]));
    expect(byIteration).toEqual({ 1: 10, 2: 70, 3: 130 });
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [45_400, "45s"],
    [60_000, "1m"],
    [125_000, "2m 5s"],
    [3_600_000, "1h"],
    [5_400_000, "1h 30m"],
  ])("%i ms is %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});
