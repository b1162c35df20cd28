import { describe, expect, it } from "vitest";
import { argoAnalysisRunDetail } from "../delivery/analysis-detail";
import type { AnalysisRun } from "../schemas/argo/analysis-run";
import { parseObject } from "../schemas/parse";
import { loadFixtureDocs, loadFixtureFolder, sharedFixturesDir } from "../testing/fixtures";
import { parseCluster } from "../testing/parse-cluster";
import { analysisVerdict, experimentVerdict, flaggerVerdict, verdictClock } from "./verdict";

function run(raw: unknown): AnalysisRun {
  const parsed = parseObject("AnalysisRun", raw);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

const measurement = (at: string, phase: string, value: string) => ({
  startedAt: at,
  finishedAt: at,
  phase,
  value,
});

/** A Prometheus success-rate run: `phase`, the measurements given, failureLimit 1. */
function successRateRun(phase: string, measurements: ReturnType<typeof measurement>[]) {
  const failed = measurements.filter((m) => m.phase === "Failed").length;
  return run({
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisRun",
    metadata: { name: "checkout-6d4b9-2-1", namespace: "shop", uid: "run-1" },
    spec: {
      metrics: [
        {
          name: "success-rate",
          interval: "10s",
          failureLimit: 1,
          successCondition: "result[0] >= 0.95",
          provider: { prometheus: { address: "http://prometheus:9090", query: "sum(x)" } },
        },
      ],
    },
    status: {
      phase,
      startedAt: "2026-03-01T12:00:00Z",
      metricResults: [
        {
          name: "success-rate",
          phase: phase === "Running" ? "Running" : phase,
          count: measurements.length,
          failed,
          successful: measurements.length - failed,
          measurements,
        },
      ],
    },
  });
}

describe("analysisVerdict on runs written here", () => {
  it("a failed run names the first failing value, the bound it missed, when, and the budget", () => {
    const detail = argoAnalysisRunDetail(
      successRateRun("Failed", [
        measurement("2026-03-01T12:00:50Z", "Successful", "[0.99]"),
        measurement("2026-03-01T12:01:10Z", "Failed", "[0.91]"),
        measurement("2026-03-01T12:01:20Z", "Failed", "[0.9]"),
      ]),
      "background",
    );
    expect(analysisVerdict(detail)).toBe(
      "success-rate 0.91 < 0.95 at 12:01:10 UTC; 2 failures, 1 allowed: aborted",
    );
  });

  it("a failureCondition is quoted as the bound that was met", () => {
    const raw = successRateRun("Failed", [measurement("2026-03-01T08:15:00Z", "Failed", "[0.4]")]);
    const metric = raw.spec.metrics?.[0];
    if (!metric) throw new Error("no metric");
    metric.successCondition = undefined;
    metric.failureCondition = "result[0] < 0.5";
    metric.failureLimit = 0;
    expect(analysisVerdict(argoAnalysisRunDetail(raw, "step"))).toBe(
      "success-rate 0.4 < 0.5 at 08:15:00 UTC; 1 failure, 0 allowed: aborted",
    );
  });

  it("a successful run counts its metrics and measurements", () => {
    const raw = run({
      kind: "AnalysisRun",
      metadata: { name: "r", namespace: "shop" },
      spec: {
        metrics: ["a", "b", "c"].map((name) => ({
          name,
          successCondition: "result[0] > 0",
          provider: { prometheus: { query: "q" } },
        })),
      },
      status: {
        phase: "Successful",
        metricResults: ["a", "b", "c"].map((name, i) => ({
          name,
          phase: "Successful",
          count: 4,
          successful: 4,
          measurements: [0, 1, 2, 3].map((n) =>
            measurement(`2026-03-01T12:0${n}:0${i}Z`, "Successful", `[${n + 1}]`),
          ),
        })),
      },
    });
    expect(analysisVerdict(argoAnalysisRunDetail(raw, "step"))).toBe(
      "all 3 metrics passed (12 measurements): successful",
    );
  });

  it("a running run says how far it got", () => {
    const detail = argoAnalysisRunDetail(
      successRateRun("Running", [
        measurement("2026-03-01T12:00:10Z", "Successful", "[0.99]"),
        measurement("2026-03-01T12:00:20Z", "Successful", "[0.98]"),
        measurement("2026-03-01T12:00:30Z", "Failed", "[0.5]"),
        measurement("2026-03-01T12:00:40Z", "Successful", "[0.97]"),
      ]),
      "background",
    );
    expect(analysisVerdict(detail)).toBe("running: 4 measurements, 1 failure so far");
  });

  it("an inconclusive measurement is named, and the run waits for a person", () => {
    const raw = successRateRun("Inconclusive", [
      measurement("2026-03-01T12:02:00Z", "Inconclusive", "[0.96]"),
    ]);
    const metric = raw.spec.metrics?.[0];
    if (!metric) throw new Error("no metric");
    metric.failureCondition = "result[0] < 0.9";
    expect(analysisVerdict(argoAnalysisRunDetail(raw, "step"))).toBe(
      "inconclusive: success-rate 0.96 met neither condition at 12:02:00 UTC: waiting for a person",
    );
  });
});

describe.skipIf(!sharedFixturesDir)("analysisVerdict on captured AnalysisRuns", () => {
  it("the aborted rollout's web metric: a string result against its successCondition", () => {
    const objects = parseCluster(loadFixtureFolder("argo-rollouts/clusters/rollout-aborted"));
    const captured = objects.AnalysisRun[0];
    if (!captured) throw new Error("no run");
    expect(analysisVerdict(argoAnalysisRunDetail(captured, "background"))).toBe(
      'web false fails successCondition result == "true" at 09:10:04 UTC; 1 failure, 0 allowed: aborted',
    );
  });

  it("the seed Istio run, still running", () => {
    const raw = loadFixtureDocs("seeds/argo-istio-myapp.yaml").find(
      (d) => (d as { kind: string }).kind === "AnalysisRun",
    );
    expect(analysisVerdict(argoAnalysisRunDetail(run(raw), "background"))).toBe(
      "running: 10 measurements, 0 failures so far",
    );
  });

  it("the experiment's job analysis, inconclusive with its counts", () => {
    const objects = parseCluster(loadFixtureFolder("argo-rollouts/clusters/experiment-analysis"));
    const captured = objects.AnalysisRun.find((r) => r.metadata.name.includes("random-fail"));
    if (!captured) throw new Error("no run");
    expect(analysisVerdict(argoAnalysisRunDetail(captured, "experiment"))).toBe(
      "inconclusive: random-fail 4 successful, 4 failed, 1 inconclusive: waiting for a person",
    );
  });
});

describe("the other verdicts", () => {
  it("times are HH:MM:SS in UTC", () => {
    expect(verdictClock("2026-03-01T23:59:01.5+02:00")).toBe("21:59:01 UTC");
    expect(verdictClock("not a time")).toBeUndefined();
  });

  it("an Experiment lists its analyses", () => {
    expect(
      experimentVerdict({
        phase: "Failed",
        analyses: [{ name: "stress", phase: "Failed" }, { name: "smoke" }],
      }),
    ).toBe("analyses stress failed, smoke pending: failed");
  });

  it("a Flagger run: rolled back with the check that broke, promoted, or in progress", () => {
    const checks = [
      { metric: "request-success-rate", at: "2026-03-01T10:00:00Z", passed: true, threshold: ">= 99%" },
      {
        metric: "request-success-rate",
        at: "2026-03-01T10:01:00Z",
        passed: false,
        value: "61.23%",
        threshold: "< 99%",
      },
    ];
    expect(flaggerVerdict({ phase: "Failed", metrics: 2, checks, failedChecks: 5, threshold: 5 })).toBe(
      "request-success-rate 61.23% < 99% at 10:01:00 UTC; 5 of 5 failed checks: rolled back",
    );
    expect(flaggerVerdict({ phase: "Progressing", metrics: 2, checks, failedChecks: 1, threshold: 5 })).toBe(
      "progressing: 2 checks, 1 failure so far",
    );
    expect(
      flaggerVerdict({
        phase: "Succeeded",
        metrics: 2,
        checks: [checks[0] as (typeof checks)[0]],
        failedChecks: 0,
        threshold: 5,
      }),
    ).toBe("all 2 metrics passed (1 check): promoted");
  });
});
