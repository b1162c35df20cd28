// Reading a Canary's analysis settings with Flagger's defaults.
import type { Canary, CanaryAnalysis } from "../schemas/flagger/canary";
import { parseGoDuration } from "../time/go-duration";

export function canaryAnalysis(canary: Canary): CanaryAnalysis {
  return canary.spec.analysis ?? canary.spec.canaryAnalysis ?? {};
}

const totalWeight = 100;

/** Seconds between analysis checks (GetAnalysisInterval: default 60s, at least 10s). */
export function analysisIntervalSeconds(canary: Canary): number {
  const seconds = parseGoDuration(canaryAnalysis(canary).interval ?? undefined);
  if (seconds === undefined || seconds <= 0) return 60;
  return Math.max(10, seconds);
}

/** Failed checks that trigger a rollback (GetAnalysisThreshold: default 1). */
export function analysisThreshold(canary: Canary): number {
  const threshold = canaryAnalysis(canary).threshold ?? 0;
  return threshold > 0 ? threshold : 1;
}

/** Weight at which Flagger promotes (scheduler maxWeight): last stepWeights entry, else maxWeight, else 100. */
export function analysisMaxWeight(canary: Canary): number {
  const analysis = canaryAnalysis(canary);
  const stepWeights = analysis.stepWeights ?? [];
  const last = stepWeights[stepWeights.length - 1];
  if (last !== undefined) return Math.min(totalWeight, last);
  return (analysis.maxWeight ?? 0) > 0 ? (analysis.maxWeight as number) : totalWeight;
}

/** How much the next successful check adds to the canary weight (scheduler nextStepWeight). */
export function nextStepWeight(canary: Canary, canaryWeight: number): number {
  const analysis = canaryAnalysis(canary);
  const stepWeights = analysis.stepWeights ?? [];
  if ((analysis.stepWeight ?? 0) > 0 || stepWeights.length === 0) return analysis.stepWeight ?? 0;
  const maxStep = totalWeight - canaryWeight;
  if (maxStep === 0) return 1;
  if (canaryWeight === 0) return Math.min(maxStep, stepWeights[0] ?? 0);
  for (let i = 0; i < stepWeights.length - 1; i++) {
    if (stepWeights[i] === canaryWeight) return Math.min(maxStep, (stepWeights[i + 1] ?? 0) - canaryWeight);
  }
  return maxStep;
}

/**
 * The delivery style a Canary's analysis describes, chosen as Flagger's scheduler chooses it
 * (advanceCanary): iterations with `match` is A/B testing, iterations without it blue-green (mirrored
 * or not), whatever step weights are also set; only without iterations does the weight step up.
 */
export function canaryStrategy(canary: Canary): "canary" | "abTesting" | "blueGreen" | "mirroring" {
  const analysis = canaryAnalysis(canary);
  if ((analysis.iterations ?? 0) <= 0) return "canary";
  if ((analysis.match?.length ?? 0) > 0) return "abTesting";
  return analysis.mirror ? "mirroring" : "blueGreen";
}

/**
 * The canary weights Flagger steps through, one per successful check, exactly as its scheduler
 * advances: add nextStepWeight until the max weight is reached (capped at 100, not at maxWeight, so
 * stepWeight 30 / maxWeight 50 goes 30, 60). A schedule that stops advancing ends where it sticks.
 */
export function weightSchedule(canary: Canary): number[] {
  const max = analysisMaxWeight(canary);
  const weights: number[] = [];
  let weight = 0;
  while (weight < max && weights.length < 200) {
    const step = nextStepWeight(canary, weight);
    if (step <= 0) break;
    weight = Math.min(totalWeight, weight + step);
    weights.push(weight);
  }
  return weights;
}
