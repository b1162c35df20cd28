// The threshold-line shape shared by Argo conditions and Flagger metrics, Flagger's own thresholds,
// and the rule for colouring a plotted point against a set of lines.

export type ThresholdOp = "<" | "<=" | ">" | ">=" | "==" | "!=";
/** "pass": values satisfying the line pass (success side); "fail": they fail (failure side). */
export type ThresholdSide = "pass" | "fail";

export interface ThresholdLine {
  value: number;
  op: ThresholdOp;
  side: ThresholdSide;
  /** Path into `result` joined with ".", e.g. "p99", "0" or "Percentage.0"; absent for result itself. */
  field?: string;
  label: string;
  /** How lines of the same side combine: absent = all must hold (a band), "any" = one is enough. */
  combine?: "any";
}

/** How a value stands against its lines: passing, failing, or neither (Argo's Inconclusive). */
export type ThresholdOutcome = "pass" | "fail" | "unknown";

export type ThresholdResult =
  | { drawable: true; lines: ThresholdLine[] }
  | { drawable: false; reason: string };

/** The lines' labels in one phrase, "min 99%, max 500ms"; undefined when none can be drawn. */
export function thresholdLabels(result: ThresholdResult): string | undefined {
  return result.drawable ? result.lines.map((l) => l.label).join(", ") : undefined;
}

/** The op that holds exactly where `op` does not: `!(x < v)` is `x >= v`. */
export const negatedOp: Record<ThresholdOp, ThresholdOp> = {
  "<": ">=",
  "<=": ">",
  ">": "<=",
  ">=": "<",
  "==": "!=",
  "!=": "==",
};

/** Whether a value satisfies one line (lies on its side of the threshold). */
export function lineHolds(value: number, line: ThresholdLine): boolean {
  switch (line.op) {
    case "<":
      return value < line.value;
    case "<=":
      return value <= line.value;
    case ">":
      return value > line.value;
    case ">=":
      return value >= line.value;
    case "==":
      return value === line.value;
    case "!=":
      return value !== line.value;
  }
}

/** How the lines of one side combine: one is enough ("any") or all must hold ("all"). */
export function sideCombination(lines: readonly ThresholdLine[]): "any" | "all" {
  return lines.some((line) => line.combine === "any") ? "any" : "all";
}

function sideHolds(value: number, lines: readonly ThresholdLine[], side: ThresholdSide): boolean | undefined {
  const own = lines.filter((line) => line.side === side);
  if (own.length === 0) return undefined;
  return sideCombination(own) === "any"
    ? own.some((line) => lineHolds(value, line))
    : own.every((line) => lineHolds(value, line));
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

/**
 * Colour for a plotted value, following Argo's EvaluateResult: a met failure side fails; a met
 * success side passes; with only one side, missing it means the other outcome; with both sides and
 * neither met the measurement is Inconclusive, reported here as "unknown" (as are NaN and no lines).
 * Pass only the lines that apply to the plotted field (linesForField).
 */
export function classifyAgainstThresholds(
  value: number | undefined,
  lines: readonly ThresholdLine[],
): ThresholdOutcome {
  if (value === undefined || Number.isNaN(value) || lines.length === 0) return "unknown";
  const passed = sideHolds(value, lines, "pass");
  const failed = sideHolds(value, lines, "fail");
  if (failed === true) return "fail";
  if (passed === true) return "pass";
  if (passed === false && failed === undefined) return "fail";
  if (failed === false && passed === undefined) return "pass";
  return "unknown";
}

/**
 * Lines for a Flagger `thresholdRange`. Flagger halts the canary when `value < min` or `value > max`
 * (pkg/controller/scheduler_metrics.go), so both bounds are inclusive pass lines.
 */
export function flaggerThresholds(
  range: { min?: number | null; max?: number | null },
  unit = "",
): ThresholdResult {
  const lines: ThresholdLine[] = [];
  if (typeof range.min === "number") {
    lines.push({ value: range.min, op: ">=", side: "pass", label: `min ${range.min}${unit}` });
  }
  if (typeof range.max === "number") {
    lines.push({ value: range.max, op: "<=", side: "pass", label: `max ${range.max}${unit}` });
  }
  return lines.length > 0
    ? { drawable: true, lines }
    : { drawable: false, reason: "thresholdRange has no min or max" };
}

const BUILTIN_UNITS: Record<string, string> = { "request-success-rate": "%", "request-duration": "ms" };

/**
 * Line for the legacy `threshold` field. Flagger reads it as a minimum for request-success-rate
 * (percent) and as a maximum for request-duration (milliseconds) and for every other metric.
 */
export function flaggerBuiltinThreshold(
  metricName: string,
  threshold: number | null | undefined,
): ThresholdResult {
  if (typeof threshold !== "number") return { drawable: false, reason: "has no threshold" };
  const unit = BUILTIN_UNITS[metricName] ?? "";
  return metricName === "request-success-rate"
    ? flaggerThresholds({ min: threshold }, unit)
    : flaggerThresholds({ max: threshold }, unit);
}

/** A Flagger analysis metric's lines: `thresholdRange` wins over `threshold`, as in Flagger. */
export function flaggerMetricThresholds(metric: {
  name: string;
  thresholdRange?: { min?: number | null; max?: number | null } | null;
  threshold?: number | null;
}): ThresholdResult {
  if (metric.thresholdRange)
    return flaggerThresholds(metric.thresholdRange, BUILTIN_UNITS[metric.name] ?? "");
  return flaggerBuiltinThreshold(metric.name, metric.threshold);
}
