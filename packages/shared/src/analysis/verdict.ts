// One line that says how an analysis ended (or stands), for the live panel and the durable record:
// "success-rate 0.91 < 0.95 at 12:01:10 UTC; 2 failures, 1 allowed: aborted". Times are the
// measurement's finish (or start) as HH:MM:SS in UTC, marked "UTC", so a line stored by one replica
// reads the same on every screen.
import type { AnalysisRunDetail, MeasurementPoint, MetricDetail } from "../delivery/analysis-detail";
import { lineHolds, negatedOp, type ThresholdLine } from "./threshold-lines";

/** HH:MM:SS UTC of an ISO time; undefined when there is none or it does not parse. */
export function verdictClock(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  return `${new Date(t).toISOString().slice(11, 19)} UTC`;
}

/** A measured number without float noise: 0.9100000001 → 0.91, 1234.5678 → 1234.57. */
export function verdictNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.abs(value) >= 1000 ? Math.round(value * 100) / 100 : Number(value.toPrecision(4));
  return String(rounded);
}

/** The lines that speak about the plotted field (lines without a field speak about the whole result). */
function linesFor(lines: ThresholdLine[], field: string | undefined): ThresholdLine[] {
  const own = lines.filter((l) => (l.field ?? undefined) === field);
  return own.length > 0 ? own : lines;
}

/** "0.91 < 0.95": why a failing measurement failed, from the condition's lines, else the condition text. */
function whyFailed(metric: MetricDetail, m: MeasurementPoint): string {
  const shown = m.value !== undefined ? verdictNumber(m.value) : (m.raw ?? "no value");
  if (m.value !== undefined && metric.failure.drawable) {
    const met = linesFor(metric.failure.lines, m.field).find((l) => lineHolds(m.value as number, l));
    if (met) return `${shown} ${met.op} ${verdictNumber(met.value)}`;
  }
  if (m.value !== undefined && metric.success.drawable) {
    const missed = linesFor(metric.success.lines, m.field).find((l) => !lineHolds(m.value as number, l));
    if (missed) return `${shown} ${negatedOp[missed.op]} ${verdictNumber(missed.value)}`;
  }
  if (metric.failureCondition) return `${shown} meets failureCondition ${metric.failureCondition}`;
  if (metric.successCondition) return `${shown} fails successCondition ${metric.successCondition}`;
  return m.message ? `${shown}: ${m.message}` : shown;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function measurementCount(run: AnalysisRunDetail): number {
  return run.metrics.reduce((sum, m) => sum + m.measurements.length, 0);
}

function failureCount(run: AnalysisRunDetail): number {
  return run.metrics.filter((m) => !m.dryRun).reduce((sum, m) => sum + m.counts.failed, 0);
}

/** "success-rate 0.91 < 0.95 at 12:01:10 UTC" for the first measurement that went `phase`. */
function firstWith(run: AnalysisRunDetail, phases: string[]): string | undefined {
  const candidates = [...run.metrics.filter((m) => !m.dryRun), ...run.metrics.filter((m) => m.dryRun)];
  for (const metric of candidates) {
    const m = metric.measurements.find((p) => phases.includes(p.phase));
    if (!m) continue;
    const at = verdictClock(m.finishedAt ?? m.startedAt);
    const shown = m.value !== undefined ? verdictNumber(m.value) : (m.raw ?? "no value");
    const what =
      m.phase === "Error"
        ? `error${m.message ? ` "${m.message}"` : ""}`
        : m.phase === "Inconclusive"
          ? `${shown} met neither condition`
          : whyFailed(metric, m);
    return `${metric.name}${metric.dryRun ? " (dry run)" : ""} ${what}${at ? ` at ${at}` : ""}`;
  }
  return undefined;
}

function budget(run: AnalysisRunDetail): string {
  const failing = run.metrics.find((m) => !m.dryRun && (m.phase === "Failed" || m.phase === "Error"));
  const metric = failing ?? run.metrics.find((m) => !m.dryRun);
  if (!metric) return plural(failureCount(run), "failure");
  if (metric.phase === "Error" && metric.counts.error > 0) return plural(metric.counts.error, "error");
  const limit = metric.budget.failureLimit;
  const allowed = limit < 0 ? "no limit" : `${limit} allowed`;
  return `${plural(metric.budget.failures, "failure")}, ${allowed}`;
}

function dryRunNote(run: AnalysisRunDetail): string {
  const failed = run.metrics.filter((m) => m.dryRun && m.counts.failed > 0).map((m) => m.name);
  return failed.length > 0 ? `; dry run ${failed.join(", ")} failed` : "";
}

/**
 * The verdict of one Argo AnalysisRun. A run that fails or errors aborts its Rollout (dry-run metrics
 * never fail the run), so those end in "aborted"; an inconclusive run pauses it for a person.
 */
export function analysisVerdict(run: AnalysisRunDetail): string {
  const measured = measurementCount(run);
  const metrics = run.metrics.length;
  switch (run.phase) {
    case "Successful": {
      const terminated = run.message && /terminat/i.test(run.message) ? " (terminated)" : "";
      const all = metrics === 1 ? "the metric passed" : `all ${metrics} metrics passed`;
      return `${all} (${plural(measured, "measurement")}${dryRunNote(run)}): successful${terminated}`;
    }
    case "Failed":
    case "Error": {
      const first =
        firstWith(run, ["Failed", "Error"]) ?? run.message ?? `analysis ${run.phase.toLowerCase()}`;
      return `${first}; ${budget(run)}: aborted`;
    }
    case "Inconclusive": {
      const metric = run.metrics.find((m) => m.phase === "Inconclusive");
      const counted = metric
        ? `${metric.name} ${metric.counts.successful} successful, ${metric.counts.failed} failed, ${metric.counts.inconclusive} inconclusive`
        : undefined;
      const first = firstWith(run, ["Inconclusive"]) ?? counted ?? run.message ?? "no condition was met";
      return `inconclusive: ${first}: waiting for a person`;
    }
    case "Running":
      return `running: ${plural(measured, "measurement")}, ${plural(failureCount(run), "failure")} so far`;
    case "Pending":
      return "pending: no measurement yet";
    default:
      return `${run.phase.toLowerCase()}${run.message ? `: ${run.message}` : ""}`;
  }
}

/** The verdict of an Experiment: its phase and the analyses it ran. */
export function experimentVerdict(experiment: {
  phase: string;
  message?: string;
  analyses: Array<{ name: string; phase?: string }>;
}): string {
  const analyses = experiment.analyses.map((a) => `${a.name} ${(a.phase ?? "Pending").toLowerCase()}`);
  const ran = analyses.length > 0 ? `analyses ${analyses.join(", ")}` : "no analysis";
  const why = experiment.message ? ` (${experiment.message})` : "";
  return `${ran}: ${experiment.phase.toLowerCase()}${why}`;
}

/** One Flagger metric check as the record keeps it (the value only when Flagger reported it). */
export interface FlaggerCheckVerdictInput {
  metric: string;
  at: string;
  passed: boolean;
  /** As Flagger wrote it, e.g. "61.23%" or "812ms". */
  value?: string;
  /** The bound it broke or had to keep, e.g. "< 99%" or "> 500ms". */
  threshold?: string;
}

/**
 * The verdict of one Flagger canary run: promoted on Succeeded, rolled back on Failed (with the
 * first failing check), else how the checks stand.
 */
export function flaggerVerdict(run: {
  phase: string;
  metrics: number;
  checks: FlaggerCheckVerdictInput[];
  failedChecks: number;
  threshold: number;
}): string {
  const failing = run.checks.find((c) => !c.passed);
  const failingText = failing
    ? `${failing.metric}${failing.value ? ` ${failing.value}` : " failed"}${failing.threshold ? ` ${failing.threshold}` : ""}${verdictClock(failing.at) ? ` at ${verdictClock(failing.at)}` : ""}`
    : undefined;
  const checks = plural(run.checks.length, "check");
  switch (run.phase) {
    case "Succeeded": {
      const all = run.metrics === 1 ? "the metric passed" : `all ${run.metrics} metrics passed`;
      return `${all} (${checks}): promoted`;
    }
    case "Failed":
      return `${failingText ?? "analysis failed"}; ${run.failedChecks} of ${run.threshold} failed checks: rolled back`;
    default: {
      const state = run.phase ? run.phase.toLowerCase() : "pending";
      return `${state}: ${checks}, ${plural(run.checks.filter((c) => !c.passed).length, "failure")} so far`;
    }
  }
}
