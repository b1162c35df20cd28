// Test inputs in the shapes the API sends: the AnalysisRun of ../shared/fixtures/seeds/argo-istio-myapp.yaml
// (copied, so the web tests do not need the fixtures folder or a YAML parser), a failing variant as a
// bad image produces, and the podinfo Canary of seeds/flagger-podinfo-canary.yaml.

import {
  type AnalysisRunDetail,
  argoAnalysisRunDetail,
  type FlaggerMetricDetail,
  flaggerMetricDetails,
  parseObject,
} from "@rollscope/shared";
import { flaggerCanary } from "@rollscope/shared/testing/builders";

const query =
  'sum(rate(istio_requests_total{ reporter="source", destination_service=~"myapp-canary-svc.rollouts-demo.svc.cluster.local", response_code!~"5.*"}[2m]) ) / sum(rate(istio_requests_total{ reporter="source", destination_service=~"myapp-canary-svc.rollouts-demo.svc.cluster.local"}[2m]) ) unless sum(rate(istio_requests_total{ reporter="source", destination_service=~"myapp-canary-svc.rollouts-demo.svc.cluster.local"}[2m]) ) == 0\n';

const at = (s: number) =>
  new Date(Date.UTC(2022, 11, 8, 4, 8, 52) + s * 1000).toISOString().replace(".000", "");
const m = (s: number, phase: string, value?: string, message?: string) => ({
  startedAt: at(s),
  finishedAt: at(s),
  phase,
  ...(value !== undefined ? { value } : {}),
  ...(message ? { message } : {}),
});

function run(measurements: object[], status: { phase: string; failed?: number; message?: string }) {
  const raw = {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisRun",
    metadata: { name: "myapp-55bdff45cb-2", namespace: "rollouts-demo" },
    spec: {
      args: [
        { name: "service", value: "myapp-canary-svc" },
        { name: "namespace", value: "rollouts-demo" },
      ],
      metrics: [
        {
          name: "success-rate",
          initialDelay: "60s",
          interval: "20s",
          successCondition: "len(result) == 0 || result[0] > 0.90",
          failureLimit: 3,
          provider: { prometheus: { address: "http://prometheus.istio-system:9090", query } },
        },
      ],
    },
    status: {
      metricResults: [
        {
          name: "success-rate",
          count: measurements.length,
          measurements,
          metadata: { ResolvedPrometheusQuery: query },
          phase: status.phase,
          successful: measurements.length - (status.failed ?? 0),
          failed: status.failed ?? 0,
          ...(status.message ? { message: status.message } : {}),
        },
      ],
      phase: status.phase,
      startedAt: "2022-12-08T04:07:52Z",
      ...(status.message ? { message: status.message } : {}),
    },
  };
  const parsed = parseObject("AnalysisRun", raw);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return argoAnalysisRunDetail(parsed.value, "background");
}

/** The seed run: ten Successful "[1]" measurements, the last an empty vector "[]". */
export const seedRun: AnalysisRunDetail = run(
  [...Array.from({ length: 9 }, (_, i) => m(i * 20, "Successful", "[1]")), m(180, "Successful", "[]")],
  { phase: "Running" },
);

/** A bad image: the success rate drops below 0.90 from the third measurement on. */
export const failingRun: AnalysisRunDetail = run(
  [
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
  ],
  { phase: "Running", failed: 2 },
);

// The seed podinfo canary (stepWeight 5 to 50, builtin metrics), one check failed.
const canary = flaggerCanary({ status: { failedChecks: 1 } });

/** podinfo's builtin request-success-rate (min 99%) and request-duration (max 500ms). */
export const podinfoMetrics: FlaggerMetricDetail[] = flaggerMetricDetails(canary, []);
