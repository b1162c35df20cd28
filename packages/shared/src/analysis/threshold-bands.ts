// The y axis of a metric chart cut into bands by outcome, from the same lines and the same rule that
// colour a point (classifyAgainstThresholds): a point inside a band always has that band's outcome.
// Ends are kept open or closed as the ops make them, so `>= 0.95` puts 0.95 itself in the passing band.
import {
  sideCombination,
  type ThresholdLine,
  type ThresholdOutcome,
  type ThresholdSide,
} from "./threshold-lines";

interface Interval {
  from: number;
  to: number;
  includesFrom: boolean;
  includesTo: boolean;
}

export interface ThresholdBand extends Interval {
  outcome: ThresholdOutcome;
}

/** A set of numbers as sorted, disjoint intervals; the extended reals are [-∞, +∞]. */
type NumberSet = Interval[];

const everything: NumberSet = [{ from: -Infinity, to: Infinity, includesFrom: true, includesTo: true }];

const isEmpty = (i: Interval) => i.from > i.to || (i.from === i.to && !(i.includesFrom && i.includesTo));

function normalized(intervals: readonly Interval[]): NumberSet {
  const sorted = intervals
    .filter((i) => !isEmpty(i))
    .sort((a, b) => a.from - b.from || Number(b.includesFrom) - Number(a.includesFrom));
  const out: Interval[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    const touches =
      last !== undefined &&
      (next.from < last.to || (next.from === last.to && (last.includesTo || next.includesFrom)));
    if (!last || !touches) out.push({ ...next });
    else if (next.to > last.to) Object.assign(last, { to: next.to, includesTo: next.includesTo });
    else if (next.to === last.to) last.includesTo ||= next.includesTo;
  }
  return out;
}

function union(a: NumberSet, b: NumberSet): NumberSet {
  return normalized([...a, ...b]);
}

function intersection(a: NumberSet, b: NumberSet): NumberSet {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      out.push({
        from,
        to,
        includesFrom: (x.from !== from || x.includesFrom) && (y.from !== from || y.includesFrom),
        includesTo: (x.to !== to || x.includesTo) && (y.to !== to || y.includesTo),
      });
    }
  }
  return normalized(out);
}

function complement(set: NumberSet): NumberSet {
  const out: Interval[] = [];
  let from = -Infinity;
  let includesFrom = true;
  for (const i of set) {
    out.push({ from, to: i.from, includesFrom, includesTo: !i.includesFrom });
    from = i.to;
    includesFrom = !i.includesTo;
  }
  out.push({ from, to: Infinity, includesFrom, includesTo: true });
  return normalized(out);
}

/** Where one line holds, exactly as lineHolds decides it. */
function lineSet({ op, value }: ThresholdLine): NumberSet {
  const point = { from: value, to: value, includesFrom: true, includesTo: true };
  switch (op) {
    case "<":
      return normalized([{ from: -Infinity, to: value, includesFrom: true, includesTo: false }]);
    case "<=":
      return normalized([{ from: -Infinity, to: value, includesFrom: true, includesTo: true }]);
    case ">":
      return normalized([{ from: value, to: Infinity, includesFrom: false, includesTo: true }]);
    case ">=":
      return normalized([{ from: value, to: Infinity, includesFrom: true, includesTo: true }]);
    case "==":
      return normalized([point]);
    case "!=":
      return complement(normalized([point]));
  }
}

/** Where a side holds, or undefined when it has no lines (as sideHolds in threshold-lines). */
function sideSet(lines: readonly ThresholdLine[], side: ThresholdSide): NumberSet | undefined {
  const own = lines.filter((line) => line.side === side);
  if (own.length === 0) return undefined;
  const sets = own.map(lineSet);
  return sideCombination(own) === "any" ? sets.reduce(union, []) : sets.reduce(intersection, everything);
}

/**
 * Bands covering `domain` (both ends included) without gaps or overlaps, each with the outcome
 * classifyAgainstThresholds gives every point in it: a met failure side fails; a met success side
 * passes; with one side only, missing it means the other outcome; with both and neither met the
 * outcome is unknown. No lines, no bands. Pass only the lines that apply to the plotted field.
 */
export function thresholdBands(
  lines: readonly ThresholdLine[],
  domain: readonly [number, number],
): ThresholdBand[] {
  const passes = sideSet(lines, "pass");
  const fails = sideSet(lines, "fail");
  if (!passes && !fails) return [];
  const regions: Array<[ThresholdOutcome, NumberSet]> = [];
  if (passes && fails) {
    regions.push(["fail", fails]);
    regions.push(["pass", intersection(passes, complement(fails))]);
    regions.push(["unknown", intersection(complement(passes), complement(fails))]);
  } else if (passes) {
    regions.push(["pass", passes], ["fail", complement(passes)]);
  } else if (fails) {
    regions.push(["fail", fails], ["pass", complement(fails)]);
  }
  const [lo, hi] = domain;
  const shown: NumberSet = [{ from: lo, to: hi, includesFrom: true, includesTo: true }];
  return regions
    .flatMap(([outcome, set]) => intersection(set, shown).map((i) => ({ ...i, outcome })))
    .sort((a, b) => a.from - b.from || Number(b.includesFrom) - Number(a.includesFrom));
}

/** The outcome of the band a value lies in; undefined outside every band. */
export function bandOutcomeAt(bands: readonly ThresholdBand[], value: number): ThresholdOutcome | undefined {
  const inside = (b: ThresholdBand) =>
    (value > b.from || (value === b.from && b.includesFrom)) &&
    (value < b.to || (value === b.to && b.includesTo));
  return bands.find(inside)?.outcome;
}
