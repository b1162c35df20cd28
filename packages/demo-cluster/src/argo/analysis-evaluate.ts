// Pure judgement of analysis results: one measurement against its conditions (utils/evaluate
// EvaluateResult), a metric against its limits (assessMetricStatus,
// assessMetricFailureInconclusiveOrError), and how Argo stores a Prometheus result (processResponse):
// a vector becomes "[v1,v2]" with Go's shortest 'f' float format, an empty vector "[]".
import { type AnalysisRun, evaluateCondition, type Metric, type MetricResult } from "@rollscope/shared";

export type RunStatus = NonNullable<AnalysisRun["status"]>;

export type MeasuredPhase = "Successful" | "Failed" | "Inconclusive" | "Error";

/** strconv.FormatFloat(f, 'f', -1, 64): shortest digits, never an exponent. */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, frac = "", exp] = match;
  const digits = `${lead}${frac}`;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export function formatPrometheusVector(values: readonly number[]): string {
  return `[${values.map(formatGoFloat).join(",")}]`;
}

/** evaluate.EvaluateResult: success/failure conditions decide the measurement's phase. */
export function evaluateMeasurement(
  result: unknown,
  metric: { successCondition?: string | null; failureCondition?: string | null },
): { phase: MeasuredPhase; message?: string } {
  const successText = metric.successCondition ?? "";
  const failureText = metric.failureCondition ?? "";
  let success = false;
  let failure = false;
  if (successText !== "") {
    const evaluated = evaluateCondition(successText, result);
    if (!evaluated.ok) return { phase: "Error", message: evaluated.error.message };
    success = evaluated.value;
  }
  if (failureText !== "") {
    const evaluated = evaluateCondition(failureText, result);
    if (!evaluated.ok) return { phase: "Error", message: evaluated.error.message };
    failure = evaluated.value;
  }
  if (successText === "" && failureText === "") return { phase: "Successful" };
  // Without a failure condition a measurement fails when the success condition is false, and the
  // other way round; with both, neither being true is Inconclusive.
  if (successText !== "" && failureText === "") failure = !success;
  if (successText === "" && failureText !== "") success = !failure;
  if (failure) return { phase: "Failed" };
  if (!success) return { phase: "Inconclusive" };
  return { phase: "Successful" };
}

export type Phase = "Pending" | "Running" | "Successful" | "Failed" | "Error" | "Inconclusive";

const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
// Best to worst (analysisutil.IsWorse).
const PHASE_ORDER: Phase[] = ["Successful", "Running", "Pending", "Inconclusive", "Error", "Failed"];

export function isCompletedPhase(phase: string | null | undefined): boolean {
  return phase === "Successful" || phase === "Failed" || phase === "Error" || phase === "Inconclusive";
}

export function intValue(value: number | string | null | undefined, fallback: number): number {
  if (value === null || value === undefined) return fallback;
  const n = typeof value === "number" ? value : Number.parseInt(value, 10);
  return Number.isNaN(n) ? fallback : n;
}

/** Metric.EffectiveCount: an unset count with no interval means "measure once". */
export function effectiveCount(metric: Metric): number | undefined {
  const count = intValue(metric.count, 0);
  if (count === 0) return metric.interval ? undefined : 1;
  return count;
}

export function isWorse(current: Phase, next: Phase): boolean {
  return PHASE_ORDER.indexOf(next) > PHASE_ORDER.indexOf(current);
}

/** assessMetricFailureInconclusiveOrError, with upstream's message wording. */
export function limitsExceeded(metric: Metric, r: MetricResult): { phase?: Phase; message: string } {
  let out: { phase?: Phase; message: string } = { message: "" };
  const failureLimit = intValue(metric.failureLimit, 0);
  if ((r.failed ?? 0) > failureLimit) {
    out = { phase: "Failed", message: `failed (${r.failed}) > failureLimit (${failureLimit})` };
  }
  const inconclusiveLimit = intValue(metric.inconclusiveLimit, 0);
  if ((r.inconclusive ?? 0) > inconclusiveLimit) {
    out = {
      phase: "Inconclusive",
      message: `inconclusive (${r.inconclusive}) > inconclusiveLimit (${inconclusiveLimit})`,
    };
  }
  const errorLimit = intValue(metric.consecutiveErrorLimit, DEFAULT_CONSECUTIVE_ERROR_LIMIT);
  if ((r.consecutiveError ?? 0) > errorLimit) {
    out = {
      phase: "Error",
      message: `consecutiveErrors (${r.consecutiveError}) > consecutiveErrorLimit (${errorLimit})`,
    };
  }
  return out;
}

export function assessMetric(metric: Metric, r: MetricResult, terminating: boolean): Phase {
  if (isCompletedPhase(r.phase)) return r.phase as Phase;
  const measurements = r.measurements ?? [];
  const last = measurements[measurements.length - 1];
  if (!last) return terminating ? "Successful" : "Pending";
  if (!isCompletedPhase(last.phase)) return "Running";
  const exceeded = limitsExceeded(metric, r);
  if (exceeded.phase) return exceeded.phase;
  const count = effectiveCount(metric);
  if (count !== undefined && (r.count ?? 0) >= count) return "Successful";
  return terminating ? "Successful" : "Running";
}

export function resultOf(status: RunStatus, name: string): MetricResult | undefined {
  return (status.metricResults ?? []).find((r) => r.name === name);
}

export function isTerminating(run: AnalysisRun, status: RunStatus): boolean {
  if (run.spec.terminate) return true;
  return (status.metricResults ?? []).some(
    (r) => !r.dryRun && (r.phase === "Failed" || r.phase === "Error" || r.phase === "Inconclusive"),
  );
}

export function matchesAny(rules: unknown, name: string): { limit?: number } | undefined {
  if (!Array.isArray(rules)) return undefined;
  for (const rule of rules as Array<{ metricName?: string; limit?: number }>) {
    if (rule.metricName && new RegExp(rule.metricName).test(name)) return rule;
  }
  return undefined;
}

/** Go's omitempty on the counters: zero counts are not written. */
export function omitZeroCounts(status: RunStatus): RunStatus {
  const counters = ["count", "successful", "failed", "inconclusive", "error", "consecutiveError"];
  const strip = (o: Record<string, unknown> | null | undefined) => {
    for (const k of counters) if (o && o[k] === 0) delete o[k];
  };
  for (const r of status.metricResults ?? []) strip(r as Record<string, unknown>);
  strip(status.runSummary as Record<string, unknown>);
  strip(status.dryRunSummary as Record<string, unknown>);
  return status;
}
