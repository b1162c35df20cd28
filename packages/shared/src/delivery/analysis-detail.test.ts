import { describe, expect, it } from "vitest";
import { parseObject } from "../schemas/parse";
import { flaggerCanary } from "../testing/builders";
import { loadFixtureDocs, loadFixtureFolder, sharedFixturesDir } from "../testing/fixtures";
import { parseCluster } from "../testing/parse-cluster";
import { argoAnalysisRunDetail, flaggerMetricDetails } from "./analysis-detail";

describe.skipIf(!sharedFixturesDir)("Argo analysis detail from captured runs", () => {
  it("the seed Istio run: measurements, threshold line and resolved query", () => {
    const raw = loadFixtureDocs("seeds/argo-istio-myapp.yaml").find(
      (d) => (d as { kind: string }).kind === "AnalysisRun",
    );
    const run = parseObject("AnalysisRun", raw);
    if (!run.ok) throw new Error(run.error.message);
    const detail = argoAnalysisRunDetail(run.value, "background");
    const metric = detail.metrics[0];
    expect(metric?.name).toBe("success-rate");
    expect(metric?.measurements).toHaveLength(10);
    expect(metric?.measurements[0]).toMatchObject({ phase: "Successful", raw: "[1]", value: 1 });
    expect(metric?.measurements[9]).toMatchObject({ raw: "[]" });
    expect(metric?.measurements[9]?.value).toBeUndefined();
    expect(metric?.success).toEqual({
      drawable: true,
      lines: [expect.objectContaining({ value: 0.9, op: ">", side: "pass" })],
    });
    expect(metric?.query).toContain(
      'destination_service=~"myapp-canary-svc.rollouts-demo.svc.cluster.local"',
    );
    expect(metric?.budget.text).toBe("0 of 0 failures allowed");
  });

  it("the aborted run: the first failing measurement and the budget", () => {
    const objects = parseCluster(loadFixtureFolder("argo-rollouts/clusters/rollout-aborted"));
    const run = objects.AnalysisRun[0];
    if (!run) throw new Error("no run");
    const metric = argoAnalysisRunDetail(run, "background").metrics[0];
    expect(metric?.phase).toBe("Failed");
    expect(metric?.budget).toEqual({ failureLimit: 0, failures: 1, text: "1 failure: over the limit of 0" });
    expect(metric?.firstFailing).toBe(0);
  });
});

describe("Flagger metric detail", () => {
  it("builtin metrics get Flagger's Istio queries for canary and primary", () => {
    const [success, duration] = flaggerMetricDetails(flaggerCanary(), []);
    expect(success?.query).toBe(
      'sum( rate( istio_requests_total{ reporter="destination", destination_workload_namespace="test", destination_workload=~"podinfo", response_code!~"5.*" }[30s] ) ) / sum( rate( istio_requests_total{ reporter="destination", destination_workload_namespace="test", destination_workload=~"podinfo" }[30s] ) ) * 100',
    );
    expect(success?.primaryQuery).toContain('destination_workload=~"podinfo-primary"');
    expect(success?.thresholds).toMatchObject({
      drawable: true,
      lines: [expect.objectContaining({ value: 99 })],
    });
    expect(duration?.thresholds).toMatchObject({
      drawable: true,
      lines: [expect.objectContaining({ value: 500 })],
    });
    expect(success?.budget.text).toBe("0 of 10 failed checks before rollback");
  });

  it("is sampled at the analysis interval (one value per check), not at the metric's query window", () => {
    const canary = flaggerCanary({
      spec: {
        analysis: {
          interval: "15s",
          metrics: [{ name: "request-success-rate", threshold: 99, interval: "2m" }],
        },
      },
    });
    const [metric] = flaggerMetricDetails(canary, []);
    expect([metric?.intervalSeconds, metric?.windowSeconds]).toEqual([15, 120]);
    expect(metric?.query).toContain("[2m]");
  });

  it("MetricTemplate metrics render the template, and say when it is missing", () => {
    const canary = flaggerCanary({
      spec: {
        analysis: {
          metrics: [
            {
              name: "error-rate",
              templateRef: { name: "error-rate", namespace: "istio-system" },
              thresholdRange: { max: 1 },
              interval: "1m",
            },
          ],
        },
      },
    });
    const template = parseObject("MetricTemplate", {
      metadata: { name: "error-rate", namespace: "istio-system" },
      spec: {
        provider: { type: "prometheus", address: "http://prometheus:9090" },
        query: 'sum(rate(x{ns="{{ namespace }}",w="{{ target }}"}[{{ interval }}]))',
      },
    });
    if (!template.ok) throw new Error(template.error.message);
    const [metric] = flaggerMetricDetails(canary, [template.value]);
    expect(metric?.query).toBe('sum(rate(x{ns="test",w="podinfo"}[1m]))');
    expect(metric?.primaryQuery).toBe('sum(rate(x{ns="test",w="podinfo-primary"}[1m]))');
    expect(flaggerMetricDetails(canary, [])[0]?.queryError).toBe(
      "MetricTemplate istio-system/error-rate was not found",
    );
  });
});
