// One analysis metric ready to show, Argo and Flagger alike: what its card says (phase, provider,
// budget, queries), its measurements as rows with outcomes, the thresholds that can be drawn (and in
// words why others cannot), the regions they shade, Prometheus' series beside it, the axes and a
// summary. The API sends the metric (MetricDetail, FlaggerMetricDetail) and, from another query, its
// series; these two functions are the one way from them to what the page shows.
import type { FlaggerMetricDetail, MetricDetail } from "../delivery/analysis-detail";
import { formatValue } from "./format-value";
import { argoRows, flaggerRows, type MeasurementRow } from "./measurement-rows";
import { type MetricSeriesInput, type SeriesPoint, seriesPoints } from "./metric-series";
import { type ThresholdBand, thresholdBands } from "./threshold-bands";
import { linesForField, type ThresholdLine, type ThresholdResult } from "./threshold-lines";
import { yScale } from "./value-scale";

/**
 * How cluster text (conditions, field names, Prometheus errors) is set inside Rollscope's words. The
 * web app puts it in a bidi isolate, so text from the cluster cannot reorder the words around it.
 */
export type QuoteClusterText = (clusterText: string) => string;

/** A row that can be plotted: it has a time and a finite value. */
export type PlottedRow = MeasurementRow & { t: number; value: number };

export interface MetricView {
  name: string;
  /** Argo's phase of the metric and its message; Flagger keeps neither per metric. */
  phase?: string;
  message?: string;
  /** The provider as the metric names it: "prometheus", "istio (builtin)". */
  provider: string;
  /** Flagger: how often the metric is checked, and the range its query aggregates over. */
  cadence?: { checkEverySeconds: number; windowSeconds: number };
  /** "2 of 3 failures allowed", "1 of 10 failed checks before rollback". */
  budgetText: string;
  /** Argo Inconclusive: the controller waits for a person to promote or abort. */
  awaitingPerson: boolean;
  /** An Argo dry-run metric: its failures do not count. */
  dryRun: boolean;
  query?: string;
  /** The same query for the stable (Argo) or primary (Flagger) side, where it could be rendered. */
  stableQuery?: string;
  /** Why the query could not be rendered. */
  queryError?: string;
  /** Names of Prometheus' canary and stable/primary series, on the chart and in its table. */
  canaryLabel: string;
  stableLabel: string;
  /** Argo keeps each measurement's raw value string; Flagger samples have none. */
  showRaw: boolean;
  rows: MeasurementRow[];
  points: PlottedRow[];
  /** Prometheus' canary series (Argo: beside the measurements; Flagger: the measurements themselves). */
  canary: SeriesPoint[];
  stable: SeriesPoint[];
  lines: ThresholdLine[];
  /** The y domain cut by outcome, as the points are judged; the chart shades the failing and unknown ones. */
  bands: ThresholdBand[];
  /** Why some thresholds or series are not drawn, in words (cluster text in them quoted). */
  notes: string[];
  domain: [number, number];
  /** Round values on the y axis, within `domain`. */
  ticks: number[];
  /** The time span of everything plotted, padded so no point sits on the frame; absent when empty. */
  timeDomain?: [number, number];
  firstFailing?: MeasurementRow;
  summary: string;
}

type MetricDrawing = Pick<
  MetricView,
  | "rows"
  | "points"
  | "canary"
  | "stable"
  | "lines"
  | "bands"
  | "notes"
  | "domain"
  | "ticks"
  | "timeDomain"
  | "firstFailing"
  | "summary"
>;

function thresholdNotes(
  results: Array<[string, ThresholdResult]>,
  other: readonly ThresholdLine[],
  quote: QuoteClusterText,
): string[] {
  // Reasons, labels and fields quote the condition's own text, and so the cluster.
  const notes = results.flatMap(([what, r]) =>
    r.drawable ? [] : [`${what} not drawn: ${quote(r.reason)}.`],
  );
  for (const l of other)
    notes.push(
      `${quote(l.label)} not drawn: it tests ${l.field ? `field ${quote(l.field)}` : "result itself"}, not the plotted value.`,
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
  quote: QuoteClusterText,
): string {
  const failed = rows.filter((r) => r.outcome === "Failed").length;
  const inconclusive = rows.filter((r) => r.outcome === "Inconclusive").length;
  const errors = rows.filter((r) => r.outcome === "Error").length;
  const last = [...rows].reverse().find((r) => r.value !== undefined);
  const parts = [counted(rows.length, noun), `${failed} failed`];
  if (inconclusive > 0) parts.push(`${inconclusive} inconclusive`);
  if (errors > 0) parts.push(counted(errors, "error"));
  const threshold = lines.length > 0 ? ` (threshold ${lines.map((l) => quote(l.label)).join(" and ")})` : "";
  if (last) parts.push(`last ${formatValue(last.value)}${threshold}`);
  else if (threshold) parts.push(`no plottable value${threshold}`);
  return parts.join(", ");
}

/** From the first to the last time plotted, widened by 3% (at least 15 s) on each side. */
function timeSpan(times: readonly number[]): [number, number] | undefined {
  if (times.length === 0) return undefined;
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  const pad = Math.max((hi - lo) * 0.03, 15_000);
  return [lo - pad, hi + pad];
}

function drawing(
  rows: MeasurementRow[],
  series: { canary: SeriesPoint[]; stable: SeriesPoint[] },
  lines: ThresholdLine[],
  notes: string[],
  noun: string,
  quote: QuoteClusterText,
): MetricDrawing {
  const { canary, stable } = series;
  const points = rows.filter(
    (r): r is PlottedRow => r.t !== undefined && r.value !== undefined && Number.isFinite(r.value),
  );
  const plotted = [...points, ...canary, ...stable];
  const { domain, ticks } = yScale(
    plotted.map((p) => p.value),
    lines,
  );
  const timeDomain = timeSpan(plotted.map((p) => p.t));
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
    ...(timeDomain ? { timeDomain } : {}),
    ...(firstFailing ? { firstFailing } : {}),
    summary: metricSummary(rows, lines, noun, quote),
  };
}

/** Both series as points, and a note for each query that failed. */
function seriesWithNotes(
  series: MetricSeriesInput | undefined,
  names: { canary: string; stable: string },
  quote: QuoteClusterText,
) {
  const canary = seriesPoints(series?.canary);
  const stable = seriesPoints(series?.stable);
  const notes: string[] = [];
  if (canary.error) notes.push(`${names.canary} query failed: ${quote(canary.error)}`);
  if (stable.error) notes.push(`${names.stable} query failed: ${quote(stable.error)}`);
  return { canary: canary.points, stable: stable.points, notes };
}

/** An Argo metric: Argo's measurements, with Prometheus' canary and stable series when there are. */
export function argoMetricView(
  metric: MetricDetail,
  series: MetricSeriesInput | undefined,
  quote: QuoteClusterText,
): MetricView {
  const field = metric.measurements.find((m) => m.value !== undefined)?.field;
  const { drawn, other } = linesForField([...drawable(metric.success), ...drawable(metric.failure)], field);
  const s = seriesWithNotes(series, { canary: "Canary series", stable: "Stable series" }, quote);
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
    ...thresholdNotes(conditions, other, quote),
    ...s.notes,
  ];
  return {
    name: metric.name,
    phase: metric.phase,
    ...(metric.message ? { message: metric.message } : {}),
    provider: metric.provider,
    budgetText: metric.budget.text,
    awaitingPerson: metric.awaitingPerson,
    dryRun: metric.dryRun,
    ...(metric.query ? { query: metric.query } : {}),
    ...(series?.stableQuery ? { stableQuery: series.stableQuery } : {}),
    canaryLabel: "Canary (Prometheus)",
    stableLabel: "Stable",
    showRaw: true,
    ...drawing(rows, s, drawn, notes, "measurement", quote),
  };
}

/** A Flagger metric: Prometheus samples at the analysis interval, judged against its thresholds. */
export function flaggerMetricView(
  metric: FlaggerMetricDetail,
  series: MetricSeriesInput | undefined,
  quote: QuoteClusterText,
): MetricView {
  const lines = drawable(metric.thresholds);
  const s = seriesWithNotes(series, { canary: "Canary", stable: "Primary" }, quote);
  const rows = flaggerRows(s.canary, lines, s.stable, (metric.intervalSeconds * 1000) / 2);
  const notes = [...thresholdNotes([["Threshold", metric.thresholds]], [], quote), ...s.notes];
  return {
    name: metric.name,
    provider: metric.provider,
    cadence: { checkEverySeconds: metric.intervalSeconds, windowSeconds: metric.windowSeconds },
    budgetText: metric.budget.text,
    awaitingPerson: false,
    dryRun: false,
    ...(metric.query ? { query: metric.query } : {}),
    ...(metric.primaryQuery ? { stableQuery: metric.primaryQuery } : {}),
    ...(metric.queryError ? { queryError: metric.queryError } : {}),
    canaryLabel: "Canary",
    stableLabel: "Primary",
    showRaw: false,
    ...drawing(rows, s, lines, notes, "sample", quote),
  };
}
