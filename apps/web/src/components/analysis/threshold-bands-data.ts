// Which threshold lines apply to the plotted value, and the regions of the y axis where a value fails
// (or, with both conditions, is inconclusive), so the chart can shade them behind the points.
import type { ThresholdLine } from "@rollscope/shared";

type Interval = readonly [number, number];

export interface Band {
  y1: number;
  y2: number;
  tone: "bad" | "warn";
  label: string;
}

// A scalar and a one-element vector look the same on a chart: `result` and `result[0]` both apply.
const sameField = (a: string | undefined, b: string | undefined) => (a ?? "0") === (b ?? "0");

/** The lines that judge the plotted field, and those left out because they judge another field. */
export function linesForField(
  lines: readonly ThresholdLine[],
  field: string | undefined,
): { drawn: ThresholdLine[]; other: ThresholdLine[] } {
  const drawn = lines.filter((l) => sameField(l.field, field));
  return { drawn, other: lines.filter((l) => !drawn.includes(l)) };
}

/** Where on [lo, hi] a line holds; null when it holds at a point or almost everywhere (==, !=). */
function lineRegion(line: ThresholdLine, [lo, hi]: Interval): Interval[] | null {
  switch (line.op) {
    case ">":
    case ">=":
      return line.value <= hi ? [[Math.max(line.value, lo), hi]] : [];
    case "<":
    case "<=":
      return line.value >= lo ? [[lo, Math.min(line.value, hi)]] : [];
    default:
      return null;
  }
}

function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [a1, a2] of a) for (const [b1, b2] of b) out.push([Math.max(a1, b1), Math.min(a2, b2)]);
  return merge(out);
}

function complement(intervals: readonly Interval[], [lo, hi]: Interval): Interval[] {
  const out: Interval[] = [];
  let from = lo;
  for (const [a, b] of merge(intervals)) {
    out.push([from, a]);
    from = b;
  }
  out.push([from, hi]);
  return merge(out);
}

/** Where one side (pass or fail) holds: all lines at once, or any one with combine "any". */
function sideRegion(lines: readonly ThresholdLine[], domain: Interval): Interval[] | null {
  const regions = lines.map((l) => lineRegion(l, domain));
  if (regions.some((r) => r === null)) return null;
  const known = regions as Interval[][];
  if (lines.some((l) => l.combine === "any")) return merge(known.flat());
  return known.reduce<Interval[]>((acc, r) => intersect(acc, r), [domain]);
}

/**
 * Failing regions ("bad") and, when both conditions exist, the gap where neither holds ("warn",
 * Argo's Inconclusive). Argo: missing the only success condition fails; missing the only failure
 * condition passes. Lines with == or != are drawn but not shaded.
 */
export function thresholdBands(lines: readonly ThresholdLine[], domain: Interval): Band[] {
  const pass = lines.filter((l) => l.side === "pass");
  const fail = lines.filter((l) => l.side === "fail");
  const passRegion = pass.length > 0 ? sideRegion(pass, domain) : undefined;
  const failRegion = fail.length > 0 ? sideRegion(fail, domain) : undefined;
  const bands: Band[] = [];
  const push = (intervals: readonly Interval[], tone: Band["tone"], label: string) => {
    for (const [y1, y2] of merge(intervals)) bands.push({ y1, y2, tone, label });
  };
  if (failRegion) push(failRegion, "bad", "fails");
  if (passRegion) {
    const outside = complement(passRegion, domain);
    if (fail.length === 0) push(outside, "bad", "fails");
    else push(intersect(outside, complement(failRegion ?? [], domain)), "warn", "inconclusive");
  }
  return bands.sort((a, b) => a.y1 - b.y1);
}
