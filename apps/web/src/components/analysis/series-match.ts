// Finding the Prometheus series that belongs to a metric, and lining it up with measurements.
import type { PromResult, Samples, SeriesPoint } from "../charts/api-types";

/** The series for an Argo metric (same run and name) or a Flagger metric (same name, no run). */
export function findMetricSeries<T extends { name: string; run?: string }>(
  metrics: readonly T[] | undefined,
  name: string,
  run?: string,
): T | undefined {
  return (metrics ?? []).find((m) => m.name === name && (run === undefined ? !m.run : m.run === run));
}

/** Samples (seconds) as points (ms), non-finite values dropped; the error when the query failed. */
export function seriesPoints(result: PromResult<Samples> | undefined): {
  points: SeriesPoint[];
  error?: string;
} {
  if (!result) return { points: [] };
  if (!result.ok) return { points: [], error: result.error };
  return {
    points: result.value
      .filter(([, v]) => Number.isFinite(v))
      .map(([s, value]) => ({ t: Math.round(s * 1000), value })),
  };
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
