// Reading a Canary's analysis settings with Flagger's defaults.
import type { Canary, CanaryAnalysis } from "../schemas/flagger/canary";
import { parseGoDuration } from "../time/go-duration";

export function canaryAnalysis(canary: Canary): CanaryAnalysis {
  return canary.spec.analysis ?? canary.spec.canaryAnalysis ?? {};
}

/** Seconds between analysis checks (Flagger default 60s). */
export function analysisIntervalSeconds(canary: Canary): number {
  return parseGoDuration(canaryAnalysis(canary).interval ?? undefined) ?? 60;
}

/** Failed checks that trigger a rollback. */
export function analysisThreshold(canary: Canary): number {
  return canaryAnalysis(canary).threshold ?? 0;
}

/** Highest canary weight before promotion: last stepWeights entry, else maxWeight (default 100). */
export function analysisMaxWeight(canary: Canary): number {
  const analysis = canaryAnalysis(canary);
  const stepWeights = analysis.stepWeights ?? [];
  const last = stepWeights[stepWeights.length - 1];
  if (last !== undefined) return last;
  return analysis.maxWeight ?? 100;
}

/** The delivery style a Canary's analysis describes. */
export function canaryStrategy(canary: Canary): "canary" | "abTesting" | "blueGreen" | "mirroring" {
  const analysis = canaryAnalysis(canary);
  if ((analysis.match?.length ?? 0) > 0) return "abTesting";
  const hasSteps = (analysis.stepWeight ?? 0) > 0 || (analysis.stepWeights?.length ?? 0) > 0;
  if (!hasSteps && (analysis.iterations ?? 0) > 0) return analysis.mirror ? "mirroring" : "blueGreen";
  return "canary";
}

/**
 * The canary weights Flagger steps through: each interval adds stepWeight (or moves to the next
 * stepWeights entry), capped at the max weight.
 */
export function weightSchedule(canary: Canary): number[] {
  const analysis = canaryAnalysis(canary);
  const max = analysisMaxWeight(canary);
  const stepWeights = analysis.stepWeights ?? [];
  if (stepWeights.length > 0) return stepWeights.filter((w) => w > 0);
  const step = analysis.stepWeight ?? 0;
  if (step <= 0) return [];
  const weights: number[] = [];
  for (let w = step; w < max && weights.length < 1000; w += step) weights.push(w);
  weights.push(max);
  return weights;
}
