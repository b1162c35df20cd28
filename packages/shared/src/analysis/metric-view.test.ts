import { describe, expect, it } from "vitest";
import { sharedFixturesDir } from "../testing/fixtures";
import type { MeasurementRow } from "./measurement-rows";
import { argoMetricView, flaggerMetricView, metricSummary } from "./metric-view";
import { failingMetric, podinfoMetrics, seedMetric } from "./metric-view.fixture";

/** Marks cluster text visibly, where the web app isolates it. */
const quote = (text: string) => `«${text}»`;
const s0 = Date.UTC(2022, 11, 8, 4, 8, 52) / 1000;

describe.skipIf(!sharedFixturesDir)("argoMetricView", () => {
  it("the seed run: nine plottable points, the empty vector only in the table, a below-0.9 band", () => {
    const view = argoMetricView(seedMetric(), undefined, quote);
    expect(view.rows).toHaveLength(10);
    expect(view.points).toHaveLength(9);
    expect(view.lines.map((l) => l.label)).toEqual(["result[0] > 0.9"]);
    expect(view.notes).toEqual([]);
    expect(view.bands).toEqual([
      { from: view.domain[0], to: 0.9, includesFrom: true, includesTo: true, outcome: "fail" },
      { from: 0.9, to: view.domain[1], includesFrom: false, includesTo: true, outcome: "pass" },
    ]);
    expect(view.firstFailing).toBeUndefined();
    expect(view.summary).toBe("10 measurements, 0 failed, last 1 (threshold «result[0] > 0.9»)");
  });

  it("carries what the card says about the metric", () => {
    const view = argoMetricView(seedMetric(), undefined, quote);
    expect(view).toMatchObject({
      name: "success-rate",
      phase: "Running",
      provider: "prometheus",
      budgetText: "0 of 0 failures allowed",
      awaitingPerson: false,
      dryRun: false,
      canaryLabel: "Canary (Prometheus)",
      stableLabel: "Stable",
      showRaw: true,
    });
    expect(view.query).toContain('destination_service=~"myapp-canary-svc.rollouts-demo.svc.cluster.local"');
    expect(view.cadence).toBeUndefined();
    expect(view.stableQuery).toBeUndefined();
  });

  it("a failing run with Prometheus' canary and stable series beside it", () => {
    const view = argoMetricView(
      failingMetric(),
      {
        canary: {
          ok: true,
          value: [
            [s0 + 40, 0.61],
            [s0 + 60, 0.57],
          ],
        },
        stable: {
          ok: true,
          value: [
            [s0 + 40, 0.996],
            [s0 + 60, 0.995],
          ],
        },
        stableQuery: "sum(rate(stable[2m]))",
      },
      quote,
    );
    expect(view.firstFailing).toMatchObject({ index: 2, value: 0.62, outcome: "Failed" });
    expect(view.points.map((p) => p.outcome)).toEqual(["Successful", "Successful", "Failed", "Failed"]);
    expect(view.stable).toEqual([
      { t: (s0 + 40) * 1000, value: 0.996 },
      { t: (s0 + 60) * 1000, value: 0.995 },
    ]);
    expect(view.rows[2]?.stable).toBe(0.996);
    expect(view.domain[0]).toBeLessThan(0.57);
    expect(view.domain[1]).toBeGreaterThan(0.996);
    expect(view.stableQuery).toBe("sum(rate(stable[2m]))");
    expect(view.summary).toBe("5 measurements, 2 failed, 1 error, last 0.58 (threshold «result[0] > 0.9»)");
  });

  it("spans the times plotted, with room on both sides", () => {
    // The failing run's measurements run from s0 to s0 + 60 (the error at s0 + 80 has no value).
    expect(argoMetricView(failingMetric(), undefined, quote).timeDomain).toEqual([
      s0 * 1000 - 15_000,
      (s0 + 60) * 1000 + 15_000,
    ]);
  });

  it("says why a condition that exists cannot be drawn, and when there is none", () => {
    const base = seedMetric();
    const why = argoMetricView(
      {
        ...base,
        successCondition: "result[0] > result[1]",
        success: { drawable: false, reason: "compares two fields of result" },
      },
      undefined,
      quote,
    );
    expect(why.notes).toEqual(["Success condition not drawn: «compares two fields of result»."]);
    const { successCondition: _omit, ...none } = base;
    expect(
      argoMetricView(
        { ...none, success: { drawable: false, reason: "no successCondition" } },
        undefined,
        quote,
      ).notes,
    ).toEqual(["No success or failure condition: there is nothing to draw against."]);
  });

  it("says when the stable query failed", () => {
    const view = argoMetricView(
      failingMetric(),
      { canary: { ok: true, value: [] }, stable: { ok: false, error: "bad_data: 1:14: parse error" } },
      quote,
    );
    expect(view.notes).toContain("Stable series query failed: «bad_data: 1:14: parse error»");
  });

  it("leaves out lines on another field and says so", () => {
    const view = argoMetricView(
      {
        ...failingMetric(),
        measurements: [
          {
            phase: "Successful",
            raw: '{"p99": 210}',
            value: 210,
            field: "p99",
            finishedAt: "2022-12-08T04:08:52Z",
          },
        ],
        success: {
          drawable: true,
          lines: [
            { value: 300, op: "<=", side: "pass", field: "p99", label: "result.p99 <= 300" },
            { value: 50, op: "<=", side: "pass", field: "p50", label: "result.p50 <= 50" },
          ],
        },
      },
      undefined,
      quote,
    );
    expect(view.lines.map((l) => l.label)).toEqual(["result.p99 <= 300"]);
    expect(view.notes).toContain(
      "«result.p50 <= 50» not drawn: it tests field «p50», not the plotted value.",
    );
  });
});

describe("flaggerMetricView", () => {
  const [successRate, duration] = podinfoMetrics();

  it("judges request-success-rate samples against min 99% and shows the primary beside them", () => {
    const view = flaggerMetricView(
      successRate,
      {
        canary: {
          ok: true,
          value: [
            [s0, 99.7],
            [s0 + 30, 96.2],
            [s0 + 60, Number.NaN],
            [s0 + 90, 99.4],
          ],
        },
        stable: {
          ok: true,
          value: [
            [s0, 99.9],
            [s0 + 30, 99.8],
          ],
        },
      },
      quote,
    );
    expect(view.points.map((p) => p.outcome)).toEqual(["Successful", "Failed", "Successful"]);
    expect(view.firstFailing).toMatchObject({ value: 96.2, stable: 99.8 });
    expect(view.bands).toEqual([
      { from: view.domain[0], to: 99, includesFrom: true, includesTo: false, outcome: "fail" },
      { from: 99, to: view.domain[1], includesFrom: true, includesTo: true, outcome: "pass" },
    ]);
    expect(view.summary).toBe("3 samples, 1 failed, last 99.4 (threshold «min 99%»)");
  });

  it("carries the builtin queries, the cadence and the failed-check budget", () => {
    const view = flaggerMetricView(successRate, undefined, quote);
    expect(view).toMatchObject({
      name: "request-success-rate",
      provider: "istio (builtin)",
      cadence: { checkEverySeconds: 30, windowSeconds: 30 },
      budgetText: "1 of 10 failed checks before rollback",
      awaitingPerson: false,
      dryRun: false,
      canaryLabel: "Canary",
      stableLabel: "Primary",
      showRaw: false,
    });
    expect(view.query).toContain('destination_workload=~"podinfo"');
    expect(view.stableQuery).toContain('destination_workload=~"podinfo-primary"');
    expect(view.phase).toBeUndefined();
    expect(view.timeDomain).toBeUndefined();
  });

  it("reports a failed canary query and draws nothing", () => {
    const view = flaggerMetricView(duration, { canary: { ok: false, error: "query timed out" } }, quote);
    expect(view.rows).toEqual([]);
    expect(view.notes).toEqual(["Canary query failed: «query timed out»"]);
    expect(view.summary).toBe("0 samples, 0 failed, no plottable value (threshold «max 500ms»)");
  });
});

describe("metricSummary", () => {
  it("counts inconclusive measurements", () => {
    const rows: MeasurementRow[] = [
      { index: 0, phase: "Inconclusive", outcome: "Inconclusive", value: 0.7, firstFailing: false },
    ];
    expect(metricSummary(rows, [], "measurement", quote)).toBe(
      "1 measurement, 0 failed, 1 inconclusive, last 0.7",
    );
  });
});
