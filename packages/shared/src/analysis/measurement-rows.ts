// Measurements as rows with an outcome: Argo's own phase per measurement, or for Flagger (which keeps
// no history) Prometheus samples judged against the thresholds the way Flagger judges them.
import type { MeasurementPoint } from "../delivery/analysis-detail";
import { nearestValue, type SeriesPoint } from "./metric-series";
import { classifyAgainstThresholds, type ThresholdLine } from "./threshold-lines";

export type MeasurementOutcome = "Successful" | "Failed" | "Inconclusive" | "Error" | "Running" | "Unknown";

export interface MeasurementRow {
  index: number;
  /** Epoch ms: when the measurement finished (or started); absent when Argo recorded neither. */
  t?: number;
  value?: number;
  raw?: string;
  phase: string;
  outcome: MeasurementOutcome;
  message?: string;
  /** The stable/primary series at the same time, when there is a sample near enough. */
  stable?: number;
  firstFailing: boolean;
}

const OUTCOMES: Record<string, MeasurementOutcome> = {
  Successful: "Successful",
  Failed: "Failed",
  Inconclusive: "Inconclusive",
  Error: "Error",
  Running: "Running",
  Pending: "Running",
};

export function outcomeOfPhase(phase: string): MeasurementOutcome {
  return OUTCOMES[phase] ?? "Unknown";
}

/** Epoch ms of an RFC3339 time; undefined when absent or unreadable. */
function epochMs(value: string | undefined): number | undefined {
  const t = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(t) ? undefined : t;
}

export function argoRows(
  measurements: readonly MeasurementPoint[],
  firstFailing: number | undefined,
  stable: readonly SeriesPoint[],
  toleranceMs: number,
): MeasurementRow[] {
  return measurements.map((m, index) => {
    const t = epochMs(m.finishedAt) ?? epochMs(m.startedAt);
    const near = t === undefined ? undefined : nearestValue(stable, t, toleranceMs);
    return {
      index,
      ...(t !== undefined ? { t } : {}),
      ...(m.value !== undefined ? { value: m.value } : {}),
      ...(m.raw !== undefined ? { raw: m.raw } : {}),
      phase: m.phase,
      outcome: outcomeOfPhase(m.phase),
      ...(m.message ? { message: m.message } : {}),
      ...(near !== undefined ? { stable: near } : {}),
      firstFailing: index === firstFailing,
    };
  });
}

const FLAGGER_WORDS = {
  pass: { outcome: "Successful", phase: "Within threshold" },
  fail: { outcome: "Failed", phase: "Outside threshold" },
  unknown: { outcome: "Unknown", phase: "No threshold to compare" },
} as const;

export function flaggerRows(
  canary: readonly SeriesPoint[],
  lines: readonly ThresholdLine[],
  stable: readonly SeriesPoint[],
  toleranceMs: number,
): MeasurementRow[] {
  let failingSeen = false;
  return canary.map((p, index) => {
    const words = FLAGGER_WORDS[classifyAgainstThresholds(p.value, lines)];
    const first = words.outcome === "Failed" && !failingSeen;
    if (first) failingSeen = true;
    const near = nearestValue(stable, p.t, toleranceMs);
    return {
      index,
      t: p.t,
      value: p.value,
      phase: words.phase,
      outcome: words.outcome,
      ...(near !== undefined ? { stable: near } : {}),
      firstFailing: first,
    };
  });
}
