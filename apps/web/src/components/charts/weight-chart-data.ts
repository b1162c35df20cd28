// Pure transforms behind the weight chart: the time window, the desired weight as a step line aligned
// with Prometheus' observed share, and the markers recorded with the history.
import { type Samples, samplePoints } from "@rollscope/shared/analysis/metric-series";
import { isolate } from "../../lib/bidi-isolate";
import type { HistoryMarkerKind } from "./api-types";
import { formatClock, formatDateTime, formatPercent } from "./format";

export const HOUR_MS = 3_600_000;
/** The narrowest window drawn, so a revision a few seconds old still reads as a timeline. */
export const MIN_SPAN_MS = 60_000;
/** Shown before the current revision began (or 5% of its duration, if longer). */
export const LEAD_IN_MS = 10_000;

export interface HistoryInput {
  t: number;
  setWeight: number;
  actualWeight: number;
  phase: string;
  step?: string;
  revision?: string;
  markers: Array<{ kind: HistoryMarkerKind; label: string }>;
}

export interface WeightRow {
  t: number;
  /** Desired (set) weight in force at `t`; absent before the first recorded point. */
  desired?: number;
  /** The controller's actual weight in force at `t`. */
  actual?: number;
  /** Prometheus' observed canary share, only at its sample times. */
  observed?: number;
  markers?: string[];
}

export interface ChartMarker {
  t: number;
  kind: HistoryMarkerKind;
  label: string;
  /** Position among the markers at the same time, so their symbols stack instead of overlapping. */
  stack: number;
}

export interface TimeWindow {
  start: number;
  end: number;
}

const byTime = <T extends { t: number }>(points: readonly T[]): T[] => [...points].sort((a, b) => a.t - b.t);

/** When the newest revision's points begin (points without a revision continue the one before). */
export function revisionStart(points: readonly HistoryInput[]): number | undefined {
  const sorted = byTime(points);
  const last = sorted[sorted.length - 1];
  if (!last) return undefined;
  const current = [...sorted].reverse().find((p) => p.revision)?.revision;
  let start = last.t;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i];
    if (!p) break;
    if (p.revision && p.revision !== current) break;
    start = p.t;
  }
  return start;
}

/**
 * From the first point of the current revision or the last hour, whichever is shorter; with `all`,
 * from the first point or sample known. Never narrower than MIN_SPAN_MS.
 */
export function weightWindow(
  points: readonly HistoryInput[],
  sampleTimes: readonly number[],
  now: number,
  all: boolean,
): TimeWindow {
  const firsts = [points.reduce((m, p) => Math.min(m, p.t), now), ...sampleTimes];
  if (all) return { start: Math.min(...firsts, now - MIN_SPAN_MS), end: now };
  const revision = revisionStart(points);
  if (revision === undefined) return { start: now - HOUR_MS, end: now };
  // A little of what came before, so the step up from the old revision is seen entering.
  const leadIn = Math.max(LEAD_IN_MS, (now - revision) / 20);
  const start = Math.max(revision - leadIn, now - HOUR_MS);
  return { start: Math.min(start, now - MIN_SPAN_MS), end: now };
}

/**
 * One row per time anything changes: a step-line point for the desired weight (extended to `now`
 * with `current`, the live delivery), Prometheus samples aligned to the weight in force at their time,
 * a row at the window start so the step line enters from the left, and marker labels at their time.
 */
export function weightRows(
  points: readonly HistoryInput[],
  current: { setWeight: number; actualWeight: number } | undefined,
  samples: Samples | undefined,
  window: TimeWindow,
): WeightRow[] {
  const steps = byTime(points).map((p) => ({ t: p.t, desired: p.setWeight, actual: p.actualWeight }));
  const last = steps[steps.length - 1];
  if (current) steps.push({ t: window.end, desired: current.setWeight, actual: current.actualWeight });
  else if (last) steps.push({ ...last, t: window.end });
  const inForce = (t: number) => {
    let found: (typeof steps)[number] | undefined;
    for (const s of steps) if (s.t <= t) found = s;
    return found;
  };
  const rows = new Map<number, WeightRow>();
  const at = (t: number): WeightRow => {
    let row = rows.get(t);
    if (!row) {
      const s = inForce(t);
      row = { t, ...(s ? { desired: s.desired, actual: s.actual } : {}) };
      rows.set(t, row);
    }
    return row;
  };
  const inside = (t: number) => t >= window.start && t <= window.end;
  if (steps.some((s) => s.t < window.start)) at(window.start);
  for (const s of steps) if (inside(s.t)) at(s.t);
  for (const s of samplePoints(samples)) if (inside(s.t)) at(s.t).observed = s.value;
  for (const m of weightMarkers(points, window)) {
    const row = at(m.t);
    row.markers = [...(row.markers ?? []), m.label];
  }
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/**
 * Every marker inside the window, duplicates removed. Markers closer together than `closeMs` (by
 * default 2% of the window, a symbol's width at 1024 px) stack downwards instead of overlapping.
 */
export function weightMarkers(
  points: readonly HistoryInput[],
  window: TimeWindow,
  closeMs = (window.end - window.start) / 50,
): ChartMarker[] {
  const seen = new Set<string>();
  const out: ChartMarker[] = [];
  let anchor = Number.NEGATIVE_INFINITY;
  let stack = 0;
  for (const p of byTime(points)) {
    if (p.t < window.start || p.t > window.end) continue;
    for (const m of p.markers) {
      const key = `${p.t}|${m.kind}|${m.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (p.t - anchor > closeMs) {
        anchor = p.t;
        stack = 0;
      } else stack++;
      out.push({ t: p.t, kind: m.kind, label: m.label, stack });
    }
  }
  return out;
}

/** Why there is no observed-traffic line, in words a person can act on; undefined when there is one. */
export function trafficNote(
  series:
    | {
        prometheus: { available: true; url: string } | { available: false; reason: string };
        traffic?: { canaryShare: { ok: true; value: Samples } | { ok: false; error: string } };
      }
    | undefined,
  loadError?: string,
): string | undefined {
  if (loadError) return `Observed traffic could not be loaded: ${isolate(loadError)}`;
  if (!series) return undefined;
  if (!series.prometheus.available)
    return `Observed traffic is not shown: ${isolate(series.prometheus.reason)}`;
  if (!series.traffic)
    return "Observed traffic is not shown: this delivery has no canary and stable services to compare.";
  const share = series.traffic.canaryShare;
  if (!share.ok) return `Observed traffic query failed: ${isolate(share.error)}`;
  if (samplePoints(share.value).length === 0)
    return "Prometheus has no request samples for this delivery in the last hour: is traffic reaching it?";
  return undefined;
}

/** The chart in one sentence, for screen readers. */
export function weightSummary(
  rows: readonly WeightRow[],
  markers: readonly ChartMarker[],
  window: TimeWindow,
) {
  const desired = rows.filter((r) => r.desired !== undefined);
  let changes = 0;
  for (let i = 1; i < desired.length; i++) if (desired[i]?.desired !== desired[i - 1]?.desired) changes++;
  const now = desired[desired.length - 1]?.desired;
  const observed = [...rows].reverse().find((r) => r.observed !== undefined);
  const parts = [
    now === undefined
      ? `No weight recorded since ${formatClock(window.start)}`
      : `Desired canary weight ${formatPercent(now)} now, ${changes} ${changes === 1 ? "change" : "changes"} since ${formatClock(window.start)}`,
    observed ? `observed share ${formatPercent(observed.observed)} at ${formatClock(observed.t)}` : undefined,
    markers.length > 0 ? `${markers.length} ${markers.length === 1 ? "marker" : "markers"}` : undefined,
  ];
  return `${parts.filter(Boolean).join("; ")}.`;
}

/** An earlier object with the same name, as a choice in the list: its dates and what it holds. */
export function lifeLabel(life: { uid: string; from: number; to: number; points: number }): string {
  const imported = life.uid.startsWith("legacy:") ? ", imported from the previous version" : "";
  const count = `${life.points} ${life.points === 1 ? "point" : "points"}`;
  return `${formatDateTime(life.from)} – ${formatDateTime(life.to)} (${count}${imported})`;
}

/** The window for an earlier object: all of its points, with a little room either side. */
export function lifeWindow(life: { from: number; to: number }): TimeWindow {
  const end = life.to + LEAD_IN_MS;
  return { start: Math.min(life.from - LEAD_IN_MS, end - MIN_SPAN_MS), end };
}
