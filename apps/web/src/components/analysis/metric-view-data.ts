// One metric ready to draw, for Argo and Flagger alike: rows with outcomes, the lines that can be
// drawn (and in words why others cannot), shaded regions, series beside it, a y domain and a summary.
import type { FlaggerMetricDetail, MetricDetail, ThresholdLine, ThresholdResult } from "@rollscope/shared";
import { type ThresholdBand, thresholdBands } from "@rollscope/shared/analysis/threshold-bands";
import { linesForField } from "@rollscope/shared/analysis/threshold-lines";
import { isolate } from "../../lib/bidi-isolate";
import type { PromResult, Samples, SeriesPoint } from "../charts/api-types";
import { formatValue } from "../charts/format";
import { niceScale } from "../charts/scale-ticks";
import { argoRows, flaggerRows, type MeasurementRow } from "./measurement-rows-data";
import { seriesPoints } from "./series-match";

export interface MetricSeriesInput {
  canary: PromResult<Samples>;
  stable?: PromResult<Samples>;
}

export interface MetricView {
  rows: MeasurementRow[];
  /** Rows that can be plotted (a time and a finite value). */
  points: Array<MeasurementRow & { t: number; value: number }>;
  /** Prometheus' canary series (Argo: beside the measurements; Flagger: the measurements themselves). */
  canary: SeriesPoint[];
  stable: SeriesPoint[];
  lines: ThresholdLine[];
  /** The y domain cut by outcome, as the points are judged; the chart shades the failing and unknown ones. */
  bands: ThresholdBand[];
  /** Why some thresholds or series are not drawn, in words (cluster text in them isolated). */
  notes: string[];
  domain: [number, number];
  /** Round values on the y axis, within `domain`. */
  ticks: number[];
  firstFailing?: MeasurementRow;
  summary: string;
}

/** A round domain holding every value and every threshold, padded so nothing sits on the frame. */
export function yScale(
  values: readonly number[],
  lines: readonly ThresholdLine[],
): { domain: [number, number]; ticks: number[] } {
  const all = [...values, ...lines.map((l) => l.value)].filter(Number.isFinite);
  if (all.length === 0) return niceScale(0, 1);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = hi > lo ? (hi - lo) * 0.1 : Math.abs(hi) * 0.1 || 1;
  // Values that cannot be negative (rates, ratios, latencies) should not show a negative axis.
  return niceScale(lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad, 6);
}

function thresholdNotes(results: Array<[string, ThresholdResult]>, other: ThresholdLine[]): string[] {
  // Reasons, labels and fields quote the condition's own text, and so the cluster: isolated.
  const notes = results.flatMap(([what, r]) =>
    r.drawable ? [] : [`${what} not drawn: ${isolate(r.reason)}.`],
  );
  for (const l of other)
    notes.push(
      `${isolate(l.label)} not drawn: it tests ${l.field ? `field ${isolate(l.field)}` : "result itself"}, not the plotted value.`,
    );
  return notes;
}

const drawable = (r: ThresholdResult): ThresholdLine[] => (r.drawable ? r.lines : []);

function counted(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** "12 measurements, 2 failed, last 0.97 (threshold result[0] > 0.9)". */
export function metricSummary(
  rows: readonly MeasurementRow[],
  lines: readonly ThresholdLine[],
  noun: string,
) {
  const failed = rows.filter((r) => r.outcome === "Failed").length;
  const inconclusive = rows.filter((r) => r.outcome === "Inconclusive").length;
  const errors = rows.filter((r) => r.outcome === "Error").length;
  const last = [...rows].reverse().find((r) => r.value !== undefined);
  const parts = [counted(rows.length, noun), `${failed} failed`];
  if (inconclusive > 0) parts.push(`${inconclusive} inconclusive`);
  if (errors > 0) parts.push(counted(errors, "error"));
  const threshold =
    lines.length > 0 ? ` (threshold ${lines.map((l) => isolate(l.label)).join(" and ")})` : "";
  if (last) parts.push(`last ${formatValue(last.value)}${threshold}`);
  else if (threshold) parts.push(`no plottable value${threshold}`);
  return parts.join(", ");
}

function finish(
  rows: MeasurementRow[],
  canary: SeriesPoint[],
  stable: SeriesPoint[],
  lines: ThresholdLine[],
  notes: string[],
  noun: string,
): MetricView {
  const points = rows.filter(
    (r): r is MeasurementRow & { t: number; value: number } =>
      r.t !== undefined && r.value !== undefined && Number.isFinite(r.value),
  );
  const values = [
    ...points.map((p) => p.value),
    ...canary.map((p) => p.value),
    ...stable.map((p) => p.value),
  ];
  const { domain, ticks } = yScale(values, lines);
  const firstFailing = rows.find((r) => r.firstFailing);
  return {
    rows,
    points,
    canary,
    stable,
    lines,
    bands: thresholdBands(lines, domain),
    notes,
    domain,
    ticks,
    ...(firstFailing ? { firstFailing } : {}),
    summary: metricSummary(rows, lines, noun),
  };
}

function seriesNotes(label: string, stableLabel: string, series: MetricSeriesInput | undefined) {
  const canary = seriesPoints(series?.canary);
  const stable = seriesPoints(series?.stable);
  const notes: string[] = [];
  if (canary.error) notes.push(`${label} query failed: ${isolate(canary.error)}`);
  if (stable.error) notes.push(`${stableLabel} query failed: ${isolate(stable.error)}`);
  return { canary: canary.points, stable: stable.points, notes };
}

/** An Argo metric: Argo's measurements, with Prometheus' canary and stable series when there are. */
export function argoMetricView(metric: MetricDetail, series: MetricSeriesInput | undefined): MetricView {
  const field = metric.measurements.find((m) => m.value !== undefined)?.field;
  const all = [...drawable(metric.success), ...drawable(metric.failure)];
  const { drawn, other } = linesForField(all, field);
  const s = seriesNotes("Canary series", "Stable series", series);
  const tolerance = ((metric.intervalSeconds ?? 60) * 1000) / 2;
  const rows = argoRows(metric.measurements, metric.firstFailing, s.stable, tolerance);
  // A missing condition is not a problem to report: Argo judges by the one that is there.
  const conditions: Array<[string, ThresholdResult]> = [];
  if (metric.successCondition) conditions.push(["Success condition", metric.success]);
  if (metric.failureCondition) conditions.push(["Failure condition", metric.failure]);
  const notes = [
    ...(conditions.length === 0
      ? ["No success or failure condition: there is nothing to draw against."]
      : []),
    ...thresholdNotes(conditions, other),
    ...s.notes,
  ];
  return finish(rows, s.canary, s.stable, drawn, notes, "measurement");
}

/** A Flagger metric: Prometheus samples at the analysis interval, judged against its thresholds. */
export function flaggerMetricView(
  metric: FlaggerMetricDetail,
  series: MetricSeriesInput | undefined,
): MetricView {
  const lines = drawable(metric.thresholds);
  const s = seriesNotes("Canary", "Primary", series);
  const rows = flaggerRows(s.canary, lines, s.stable, (metric.intervalSeconds * 1000) / 2);
  const notes = [...thresholdNotes([["Threshold", metric.thresholds]], []), ...s.notes];
  return finish(rows, s.canary, s.stable, lines, notes, "sample");
}
