// Analysis metrics from real objects, for the metric view tests: the seed Istio AnalysisRun of
// ../shared/fixtures/seeds/argo-istio-myapp.yaml, the same run as a bad image leaves it, and the seed
// podinfo Canary's builtin metrics. The Argo ones need the fixtures folder (see testing/fixtures).
import {
  type AnalysisRunDetail,
  argoAnalysisRunDetail,
  type FlaggerMetricDetail,
  flaggerMetricDetails,
  type MetricDetail,
} from "../delivery/analysis-detail";
import type { AnalysisRun } from "../schemas/argo/analysis-run";
import { parseObject } from "../schemas/parse";
import { flaggerCanary, merge } from "../testing/builders";
import { loadFixtureDocs } from "../testing/fixtures";

/** The first measurement of both runs finished at 04:08:52; the others follow every 20 seconds. */
export const firstMeasurementAt = Date.UTC(2022, 11, 8, 4, 8, 52);

function seedAnalysisRun(): Record<string, unknown> {
  const run = loadFixtureDocs("seeds/argo-istio-myapp.yaml").find(
    (d) => (d as { kind?: string }).kind === "AnalysisRun",
  );
  if (!run) throw new Error("the seed has no AnalysisRun");
  return run as Record<string, unknown>;
}

function detailOf(raw: unknown): AnalysisRunDetail {
  const parsed = parseObject("AnalysisRun", raw);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return argoAnalysisRunDetail(parsed.value as AnalysisRun, "background");
}

function onlyMetric(run: AnalysisRunDetail): MetricDetail {
  const [metric] = run.metrics;
  if (!metric) throw new Error(`${run.name} has no metric`);
  return metric;
}

/** The seed run: ten Successful "[1]" measurements, the last an empty vector "[]". */
export function seedMetric(): MetricDetail {
  return onlyMetric(detailOf(seedAnalysisRun()));
}

/** A bad image: the success rate drops below 0.90 from the third measurement on, then Prometheus times out. */
export function failingMetric(): MetricDetail {
  const seed = seedAnalysisRun() as { status: { metricResults: Array<Record<string, unknown>> } };
  const at = (s: number) => new Date(firstMeasurementAt + s * 1000).toISOString().replace(".000", "");
  const m = (s: number, phase: string, value?: string, message?: string) => ({
    startedAt: at(s),
    finishedAt: at(s),
    phase,
    ...(value !== undefined ? { value } : {}),
    ...(message ? { message } : {}),
  });
  const measurements = [
    m(0, "Successful", "[0.97]"),
    m(20, "Successful", "[0.95]"),
    m(40, "Failed", "[0.62]"),
    m(60, "Failed", "[0.58]"),
    m(
      80,
      "Error",
      undefined,
      'Post "http://prometheus.istio-system:9090/api/v1/query": dial tcp: i/o timeout',
    ),
  ];
  const result = merge(seed.status.metricResults[0], {
    count: measurements.length,
    successful: 2,
    failed: 2,
    error: 1,
    measurements,
  });
  return onlyMetric(detailOf(merge(seed, { status: { metricResults: [result] } })));
}

/** podinfo's builtin request-success-rate (min 99%) and request-duration (max 500ms), one check failed. */
export function podinfoMetrics(): [FlaggerMetricDetail, FlaggerMetricDetail] {
  const [successRate, duration] = flaggerMetricDetails(flaggerCanary({ status: { failedChecks: 1 } }), []);
  if (!successRate || !duration) throw new Error("podinfo metrics missing");
  return [successRate, duration];
}
