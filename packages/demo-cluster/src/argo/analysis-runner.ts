// The AnalysisRun controller (upstream analysis/analysis.go): takes measurements when they are due
// (initialDelay, interval, count), judges them with the metric's conditions, and assesses each metric
// and the run (failureLimit, inconclusiveLimit, consecutiveErrorLimit) with upstream's messages.
// Prometheus queries are rendered with the run's args and sent to the demo's metric provider.
import {
  type AnalysisRun,
  type Measurement,
  type Metric,
  type MetricResult,
  parseGoDuration,
  renderArgoQuery,
} from "@rollscope/shared";
import type { DemoStore } from "../demo-store";
import type { DemoMetricProvider } from "../metric-provider";
import {
  assessMetric,
  effectiveCount,
  evaluateMeasurement,
  formatPrometheusVector,
  isCompletedPhase,
  isTerminating,
  isWorse,
  limitsExceeded,
  matchesAny,
  omitZeroCounts,
  type Phase,
  type RunStatus,
  resultOf,
} from "./analysis-evaluate";
import { formatTimestamp, parseTimestamp, type SimClock } from "./clock";
import type { EventRecorder } from "./event-recorder";
import { asRaw, clone, compact, keyOf, parsed } from "./kube-objects";

const MEASUREMENT_HISTORY_LIMIT = 10;
const ERROR_RETRY_SECONDS = 10;

interface Taken {
  metric: string;
  measurement: Measurement;
  query: string;
}

export class AnalysisRunner {
  constructor(
    private readonly store: DemoStore,
    private readonly clock: SimClock,
    private readonly metrics: DemoMetricProvider,
    private readonly events: EventRecorder,
  ) {}

  async tick(): Promise<void> {
    const runs = this.store
      .list("AnalysisRun")
      .map((raw) => parsed("AnalysisRun", raw))
      .filter((r): r is AnalysisRun => r !== undefined && !isCompletedPhase(r.status?.phase));
    await Promise.all(runs.map((run) => this.reconcile(run)));
  }

  private async reconcile(run: AnalysisRun): Promise<void> {
    const metrics = run.spec.metrics ?? [];
    if (metrics.length === 0) return this.finish(run, "Error", "Analysis spec invalid: no metrics specified");
    const queries = new Map<string, string>();
    for (const metric of metrics) {
      const template = metric.provider?.prometheus?.query;
      if (!template) continue;
      const args = (run.spec.args ?? []).map((a) => ({
        name: a.name,
        ...(a.value != null ? { value: a.value } : {}),
      }));
      const rendered = renderArgoQuery(template, args);
      const missing = rendered.unresolved[0];
      if (rendered.error || missing !== undefined) {
        const why = rendered.error ?? `failed to resolve {{${missing}}}`;
        return this.finish(run, "Error", `Unable to resolve metric arguments: ${why}`);
      }
      queries.set(metric.name, rendered.query);
    }
    const due = this.dueMetrics(run, metrics);
    const taken = await Promise.all(due.map((m) => this.measure(m, queries.get(m.name) ?? "")));
    const fresh = parsed("AnalysisRun", this.store.get(keyOf(asRaw({ ...run, kind: "AnalysisRun" }))));
    if (!fresh || isCompletedPhase(fresh.status?.phase)) return;
    const status: RunStatus = clone(fresh.status ?? {});
    status.metricResults ??= [];
    for (const t of taken) this.apply(fresh, status, t);
    this.assess(fresh, status, metrics);
    for (const r of status.metricResults) {
      const limit = matchesAny(
        (fresh.spec as { measurementRetention?: unknown }).measurementRetention,
        r.name,
      )?.limit;
      const keep = limit && limit > 0 ? limit : MEASUREMENT_HISTORY_LIMIT;
      if ((r.measurements?.length ?? 0) > keep) r.measurements = (r.measurements ?? []).slice(-keep);
    }
    this.store.updateStatus(keyOf(asRaw({ ...fresh, kind: "AnalysisRun" })), omitZeroCounts(compact(status)));
  }

  /** generateMetricTasks: which metrics need a measurement now. */
  private dueMetrics(run: AnalysisRun, metrics: Metric[]): Metric[] {
    const status = run.status ?? {};
    if (isTerminating(run, status)) return [];
    const now = this.clock.nowMs();
    return metrics.filter((metric) => {
      const r = resultOf(status, metric.name);
      if (r && isCompletedPhase(r.phase)) return false;
      const last = r?.measurements?.[r.measurements.length - 1];
      if (!last) {
        if (!metric.initialDelay) return true;
        const started = parseTimestamp(status.startedAt);
        const delay = parseGoDuration(metric.initialDelay);
        return started !== undefined && delay !== undefined && now > started + delay * 1000;
      }
      const count = effectiveCount(metric);
      if (count !== undefined && (r?.count ?? 0) >= count) return false;
      const interval =
        last.phase === "Error"
          ? ERROR_RETRY_SECONDS
          : (parseGoDuration(metric.interval) ?? ERROR_RETRY_SECONDS);
      const finished = parseTimestamp(last.finishedAt) ?? 0;
      return now > finished + interval * 1000;
    });
  }

  private async measure(metric: Metric, query: string): Promise<Taken> {
    const startedAt = this.clock.timestamp();
    const base = { startedAt };
    if (!metric.provider?.prometheus) {
      const measurement = {
        ...base,
        phase: "Error",
        message: "only the prometheus provider is simulated in the demo",
      };
      return {
        metric: metric.name,
        query,
        measurement: { ...measurement, finishedAt: this.clock.timestamp() },
      };
    }
    const answer = await this.metrics.query(query);
    const finishedAt = this.clock.timestamp();
    if (!answer.ok)
      return {
        metric: metric.name,
        query,
        measurement: { ...base, finishedAt, phase: "Error", message: answer.error },
      };
    const verdict = evaluateMeasurement([...answer.values], metric);
    const measurement: Measurement = {
      ...base,
      finishedAt,
      phase: verdict.phase,
      value: formatPrometheusVector(answer.values),
      ...(verdict.message ? { message: verdict.message } : {}),
    };
    return { metric: metric.name, query, measurement };
  }

  private apply(run: AnalysisRun, status: RunStatus, t: Taken): void {
    const results = status.metricResults ?? [];
    let r = results.find((x) => x.name === t.metric);
    if (!r) {
      r = { name: t.metric, phase: "Running", measurements: [] };
      if (matchesAny(run.spec.dryRun, t.metric)) r.dryRun = true;
      if (t.query) r.metadata = { ResolvedPrometheusQuery: t.query };
      results.push(r);
    }
    const bump = (
      field: "successful" | "failed" | "inconclusive" | "error" | "count" | "consecutiveError",
    ) => {
      (r as MetricResult)[field] = ((r as MetricResult)[field] ?? 0) + 1;
    };
    switch (t.measurement.phase) {
      case "Successful":
        bump("successful");
        break;
      case "Failed":
        bump("failed");
        break;
      case "Inconclusive":
        bump("inconclusive");
        break;
      case "Error":
        bump("error");
        bump("consecutiveError");
        break;
    }
    if (t.measurement.phase !== "Error") {
      bump("count");
      r.consecutiveError = 0;
    }
    r.measurements = [...(r.measurements ?? []), t.measurement];
    status.metricResults = results;
  }

  /** assessRunStatus: metric phases, run summary, and the run's phase and message. */
  private assess(run: AnalysisRun, status: RunStatus, metrics: Metric[]): void {
    const terminating = isTerminating(run, status);
    status.startedAt ??= this.clock.timestamp();
    let worst: Phase | undefined;
    let worstMessage = run.spec.terminate ? "Run Terminated" : "";
    let everythingCompleted = true;
    const summary = { count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0 };
    const dry = { count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0 };
    for (const metric of metrics) {
      const r = resultOf(status, metric.name);
      const isDry = Boolean(r?.dryRun ?? matchesAny(run.spec.dryRun, metric.name));
      (isDry ? dry : summary).count += 1;
      if (!r) {
        everythingCompleted = false;
        continue;
      }
      const phase = assessMetric(metric, r, terminating);
      if (r.phase !== phase) {
        if (isCompletedPhase(phase)) {
          const type = phase === "Failed" || phase === "Error" ? "warning" : "normal";
          this.events[type](
            this.involved(run),
            `Metric${phase}`,
            `Metric '${metric.name}' Completed. Result: ${phase}`,
          );
        }
        const last = r.measurements?.[r.measurements.length - 1];
        if (last?.message) r.message = last.message;
        r.phase = phase;
      }
      if (!isCompletedPhase(phase)) {
        everythingCompleted = false;
        continue;
      }
      const exceeded = limitsExceeded(metric, r);
      if (isDry) {
        worst ??= "Successful";
        if (exceeded.message) r.message = `Metric assessed ${phase} due to ${exceeded.message}`;
      } else if (worst === undefined || isWorse(worst, phase)) {
        worst = phase;
        if (exceeded.message) {
          worstMessage = `Metric "${metric.name}" assessed ${phase} due to ${exceeded.message}`;
          if (r.message) worstMessage += `: "Error Message: ${r.message}"`;
        }
      }
      const bucket = isDry ? dry : summary;
      const key = (exceeded.phase ?? "Successful").toLowerCase() as
        | "successful"
        | "failed"
        | "inconclusive"
        | "error";
      bucket[key] += 1;
    }
    status.runSummary = summary;
    status.dryRunSummary = dry;
    let phase: Phase;
    let message = worstMessage.trim();
    if (terminating) phase = worst ?? "Successful";
    else if (!everythingCompleted || worst === undefined) {
      phase = "Running";
      message = "";
    } else phase = worst;
    if (status.phase !== phase) {
      status.phase = phase;
      status.message = message;
      if (isCompletedPhase(phase)) this.completed(run, status, phase);
    }
  }

  private finish(run: AnalysisRun, phase: Phase, message: string): void {
    const status: RunStatus = {
      ...clone(run.status ?? {}),
      phase,
      message,
      metricResults: run.status?.metricResults ?? [],
    };
    status.startedAt ??= this.clock.timestamp();
    this.completed(run, status, phase);
    this.store.updateStatus(keyOf(asRaw({ ...run, kind: "AnalysisRun" })), compact(status));
  }

  private completed(run: AnalysisRun, status: RunStatus, phase: Phase): void {
    status.completedAt = formatTimestamp(this.clock.nowMs());
    const type = phase === "Failed" || phase === "Error" ? "warning" : "normal";
    this.events[type](this.involved(run), `AnalysisRun${phase}`, `Analysis Completed. Result: ${phase}`);
  }

  private involved(run: AnalysisRun) {
    return { kind: "AnalysisRun", metadata: run.metadata };
  }
}
