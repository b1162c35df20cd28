// Prometheus' series for an analysis metric, as the API sends them beside the metric (metrics.series),
// and lining them up with the metric's measurements.
import type { PromResult } from "../prometheus/prometheus-client";

/** Prometheus range samples: [unix seconds, value]. */
export type Samples = Array<[number, number]>;

/** One plotted sample, time in epoch milliseconds. */
export interface SeriesPoint {
  t: number;
  value: number;
}

/** The canary series of a metric and, where its query could be rendered for it, the stable/primary one. */
export interface MetricSeriesInput {
  canary: PromResult<Samples>;
  stable?: PromResult<Samples>;
  /** The stable/primary query the API ran (Argo: the canary query with the stable service swapped in). */
  stableQuery?: string;
}

/** The series for an Argo metric (same run and name) or a Flagger metric (same name, no run). */
export function findMetricSeries<T extends { name: string; run?: string }>(
  metrics: readonly T[] | undefined,
  name: string,
  run?: string,
): T | undefined {
  return (metrics ?? []).find((m) => m.name === name && (run === undefined ? !m.run : m.run === run));
}

/** Samples (seconds) as points (ms), dropping NaN (no traffic at all) and infinities. */
export function samplePoints(samples: Samples | undefined): SeriesPoint[] {
  return (samples ?? [])
    .filter(([, v]) => Number.isFinite(v))
    .map(([s, value]) => ({ t: Math.round(s * 1000), value }));
}

/** A query's samples as points; the error when the query failed. */
export function seriesPoints(result: PromResult<Samples> | undefined): {
  points: SeriesPoint[];
  error?: string;
} {
  if (!result) return { points: [] };
  if (!result.ok) return { points: [], error: result.error };
  return { points: samplePoints(result.value) };
}

/** The value of the sample nearest to `t`, if one lies within `toleranceMs`. */
export function nearestValue(
  points: readonly SeriesPoint[],
  t: number,
  toleranceMs: number,
): number | undefined {
  let best: SeriesPoint | undefined;
  for (const p of points) if (!best || Math.abs(p.t - t) < Math.abs(best.t - t)) best = p;
  return best && Math.abs(best.t - t) <= toleranceMs ? best.value : undefined;
}
