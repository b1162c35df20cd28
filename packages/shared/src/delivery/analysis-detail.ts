// Analysis as the API sends it and the analysis record keeps it: each metric's measurements with
// their values, the thresholds as lines, the query that ran, and the failure budget. Built from Argo
// AnalysisRuns, or from a Flagger Canary's metrics (whose values come from Prometheus range queries).
// analysis/metric-view turns one metric and its Prometheus series into what the page shows.

import { parseMeasurementValue, primaryField, primaryNumber } from "../analysis/measurement-value";
import {
  flaggerIstioBuiltinQuery,
  flaggerTrimQuery,
  renderArgoQuery,
  renderFlaggerQuery,
} from "../analysis/render-query";
import { flaggerMetricThresholds, type ThresholdResult } from "../analysis/threshold-lines";
import { conditionThresholds } from "../analysis/thresholds";
import { analysisIntervalSeconds, canaryAnalysis } from "../flagger/canary-analysis";
import type { AnalysisRun } from "../schemas/argo/analysis-run";
import type { Canary } from "../schemas/flagger/canary";
import type { MetricTemplate } from "../schemas/flagger/metric-template";
import { parseGoDuration } from "../time/go-duration";
import type { AnalysisRole } from "./analysis-summary";

export interface MeasurementPoint {
  startedAt?: string;
  finishedAt?: string;
  phase: string;
  /** The raw value Argo stored, e.g. "[0.97]". */
  raw?: string;
  /** The number plotted, when there is one. */
  value?: number;
  field?: string;
  message?: string;
}

export interface MetricDetail {
  name: string;
  phase: string;
  message?: string;
  intervalSeconds?: number;
  provider: string;
  /** The query as it ran (Argo: ResolvedPrometheusQuery or rendered from args). */
  query?: string;
  successCondition?: string;
  failureCondition?: string;
  success: ThresholdResult;
  failure: ThresholdResult;
  counts: { successful: number; failed: number; inconclusive: number; error: number; total: number };
  /** "2 of 3 failures allowed" and what it is made of. */
  budget: { failureLimit: number; failures: number; text: string };
  /** Index in `measurements` of the first Failed measurement, if any. */
  firstFailing?: number;
  awaitingPerson: boolean;
  dryRun: boolean;
  measurements: MeasurementPoint[];
}

export interface AnalysisRunDetail {
  name: string;
  role: AnalysisRole;
  phase: string;
  message?: string;
  startedAt?: string;
  completedAt?: string;
  metrics: MetricDetail[];
}

function intOr(value: string | number | null | undefined, fallback: number): number {
  if (value === null || value === undefined) return fallback;
  const n = typeof value === "number" ? value : Number.parseInt(value, 10);
  return Number.isNaN(n) ? fallback : n;
}

function providerName(provider: Record<string, unknown> | null | undefined): string {
  const key = Object.entries(provider ?? {}).find(([, v]) => v !== null && v !== undefined)?.[0];
  return key ?? "unknown";
}

function budgetText(failures: number, limit: number): string {
  if (limit < 0) return `${failures} failures, no limit`;
  if (failures > limit)
    return `${failures} ${failures === 1 ? "failure" : "failures"}: over the limit of ${limit}`;
  return `${failures} of ${limit} ${limit === 1 ? "failure" : "failures"} allowed`;
}

export function argoAnalysisRunDetail(run: AnalysisRun, role: AnalysisRole): AnalysisRunDetail {
  const args = (run.spec.args ?? []).map((a) => ({
    name: a.name,
    ...(a.value != null ? { value: a.value } : {}),
  }));
  const dryRun = new Set((run.spec.dryRun ?? []).map((d) => d.metricName));
  const metrics = (run.spec.metrics ?? []).map((metric): MetricDetail => {
    const result = run.status?.metricResults?.find((r) => r.name === metric.name);
    const template = metric.provider?.prometheus?.query ?? undefined;
    const resolved =
      result?.metadata?.ResolvedPrometheusQuery ??
      (template ? renderArgoQuery(template, args).query : undefined);
    const measurements = (result?.measurements ?? []).map((m): MeasurementPoint => {
      const parsed = parseMeasurementValue(m.value ?? undefined);
      const value = primaryNumber(parsed);
      const field = primaryField(parsed);
      return {
        ...(m.startedAt ? { startedAt: m.startedAt } : {}),
        ...(m.finishedAt ? { finishedAt: m.finishedAt } : {}),
        phase: m.phase,
        ...(m.value != null ? { raw: m.value } : {}),
        ...(value !== undefined ? { value } : {}),
        ...(field !== undefined ? { field } : {}),
        ...(m.message ? { message: m.message } : {}),
      };
    });
    const failureLimit = intOr(metric.failureLimit, 0);
    const failures = result?.failed ?? 0;
    const firstFailing = measurements.findIndex((m) => m.phase === "Failed");
    const intervalSeconds = parseGoDuration(metric.interval ?? undefined);
    return {
      name: metric.name,
      phase: result?.phase ?? "Pending",
      ...(result?.message ? { message: result.message } : {}),
      ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
      provider: providerName(metric.provider),
      ...(resolved ? { query: resolved.trim() } : {}),
      ...(metric.successCondition ? { successCondition: metric.successCondition } : {}),
      ...(metric.failureCondition ? { failureCondition: metric.failureCondition } : {}),
      success: metric.successCondition
        ? conditionThresholds(metric.successCondition, "success")
        : { drawable: false, reason: "no successCondition" },
      failure: metric.failureCondition
        ? conditionThresholds(metric.failureCondition, "failure")
        : { drawable: false, reason: "no failureCondition" },
      counts: {
        successful: result?.successful ?? 0,
        failed: failures,
        inconclusive: result?.inconclusive ?? 0,
        error: result?.error ?? 0,
        total: result?.count ?? measurements.length,
      },
      budget: { failureLimit, failures, text: budgetText(failures, failureLimit) },
      ...(firstFailing >= 0 ? { firstFailing } : {}),
      awaitingPerson: result?.phase === "Inconclusive",
      dryRun: dryRun.has(metric.name) || Boolean(result?.dryRun),
      measurements,
    };
  });
  return {
    name: run.metadata.name,
    role,
    phase: run.status?.phase || "Pending",
    ...(run.status?.message ? { message: run.status.message } : {}),
    ...(run.status?.startedAt ? { startedAt: run.status.startedAt } : {}),
    ...(run.status?.completedAt ? { completedAt: run.status.completedAt } : {}),
    metrics,
  };
}

export interface FlaggerMetricDetail {
  name: string;
  /** How often Flagger checks it: the analysis interval (one sample per check). */
  intervalSeconds: number;
  /** The metric's own `interval`: the range its query aggregates over (`[1m]`). */
  windowSeconds: number;
  /** PromQL for the canary and, where it can be rendered, the same for the primary. */
  query?: string;
  primaryQuery?: string;
  queryError?: string;
  thresholds: ThresholdResult;
  provider: string;
  /** Failed checks so far of the threshold that rolls back. */
  budget: { failureLimit: number; failures: number; text: string };
}

/** Flagger's metrics with the queries it runs (builtin Istio, MetricTemplate or inline). */
export function flaggerMetricDetails(canary: Canary, templates: MetricTemplate[]): FlaggerMetricDetail[] {
  const analysis = canaryAnalysis(canary);
  const namespace = canary.metadata.namespace ?? "default";
  const target = canary.spec.targetRef.name;
  const threshold = analysis.threshold && analysis.threshold > 0 ? analysis.threshold : 1;
  const failures = canary.status?.failedChecks ?? 0;
  const checkEvery = analysisIntervalSeconds(canary);
  const budget = {
    failureLimit: threshold,
    failures,
    text: `${failures} of ${threshold} failed checks before rollback`,
  };
  return (analysis.metrics ?? []).map((metric): FlaggerMetricDetail => {
    const interval = metric.interval ?? "1m";
    const windowSeconds = parseGoDuration(interval) ?? 60;
    const thresholds = flaggerMetricThresholds(metric);
    const base = { name: metric.name, intervalSeconds: checkEvery, windowSeconds, thresholds, budget };
    if (metric.name === "request-success-rate" || metric.name === "request-duration") {
      if (!metric.templateRef && !metric.query) {
        const vars = { namespace, interval };
        return {
          ...base,
          provider: "istio (builtin)",
          query: flaggerTrimQuery(flaggerIstioBuiltinQuery(metric.name, { ...vars, target })).trim(),
          primaryQuery: flaggerTrimQuery(
            flaggerIstioBuiltinQuery(metric.name, { ...vars, target: `${target}-primary` }),
          ).trim(),
        };
      }
    }
    const template = metric.templateRef
      ? templates.find(
          (t) =>
            t.metadata.name === metric.templateRef?.name &&
            (t.metadata.namespace ?? "") === (metric.templateRef?.namespace ?? namespace),
        )
      : undefined;
    const text = template?.spec.query ?? metric.query ?? undefined;
    if (!text) {
      const missing = metric.templateRef
        ? `MetricTemplate ${metric.templateRef.namespace ?? namespace}/${metric.templateRef.name} was not found`
        : "no query";
      return { ...base, provider: "unknown", queryError: missing };
    }
    const vars = {
      name: canary.metadata.name,
      namespace,
      target,
      service: canary.spec.service?.name ?? target,
      interval,
      variables: metric.templateVariables ?? {},
    };
    const rendered = renderFlaggerQuery(text, vars);
    const primary = renderFlaggerQuery(text, {
      ...vars,
      target: `${target}-primary`,
      name: canary.metadata.name,
    });
    return {
      ...base,
      provider: template?.spec.provider.type ?? "prometheus",
      query: flaggerTrimQuery(rendered.query).trim(),
      ...(rendered.unresolved.length === 0 && primary.query !== rendered.query
        ? { primaryQuery: flaggerTrimQuery(primary.query).trim() }
        : {}),
      ...(rendered.error || rendered.unresolved.length > 0
        ? { queryError: rendered.error ?? `unresolved: ${rendered.unresolved.join(", ")}` }
        : {}),
    };
  });
}
