import type { MetricDetail, ThresholdLine } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import { isolate } from "../../lib/bidi-isolate";
import { failingRun, podinfoMetrics, seedRun } from "./analysis.fixture";
import { argoMetricView, flaggerMetricView, metricSummary, yScale } from "./metric-view-data";

const metricOf = (m: MetricDetail | undefined): MetricDetail => {
  if (!m) throw new Error("no metric");
  return m;
};
const s0 = Date.UTC(2022, 11, 8, 4, 8, 52) / 1000;

describe("yScale", () => {
  const line = (value: number): ThresholdLine => ({ value, op: ">", side: "pass", label: `> ${value}` });
  it.each<[string, number[], ThresholdLine[], [number, number]]>([
    ["values and the threshold, padded to round numbers", [0.97, 0.95, 0.62], [line(0.9)], [0.5, 1.1]],
    ["a threshold far above the values still shows", [10, 12], [line(500)], [0, 600]],
    ["a flat series gets room around it", [1, 1, 1], [], [0.9, 1.1]],
    ["all zeros (an error rate): no negative axis", [0, 0], [], [0, 1]],
    ["negative values keep their side", [-2, 3], [], [-3, 4]],
    ["Flagger success rate in percent", [99.7, 96.2, 99.4], [line(99)], [95, 101]],
    ["nothing at all", [], [], [0, 1]],
  ])("%s", (_name, values, lines, expected) => {
    const scale = yScale(values, lines);
    expect(scale.domain).toEqual(expected);
    expect(scale.ticks[0]).toBe(expected[0]);
    expect(scale.ticks[scale.ticks.length - 1]).toBe(expected[1]);
  });
});

describe("argoMetricView", () => {
  it("the seed run: nine plottable points, the empty vector only in the table, a below-0.9 band", () => {
    const view = argoMetricView(metricOf(seedRun.metrics[0]), undefined);
    expect(view.rows).toHaveLength(10);
    expect(view.points).toHaveLength(9);
    expect(view.lines.map((l) => l.label)).toEqual(["result[0] > 0.9"]);
    expect(view.notes).toEqual([]);
    expect(view.bands).toEqual([
      { from: view.domain[0], to: 0.9, includesFrom: true, includesTo: true, outcome: "fail" },
      { from: 0.9, to: view.domain[1], includesFrom: false, includesTo: true, outcome: "pass" },
    ]);
    expect(view.firstFailing).toBeUndefined();
    expect(view.summary).toBe(`10 measurements, 0 failed, last 1 (threshold ${isolate("result[0] > 0.9")})`);
  });

  it("a failing run with Prometheus' canary and stable series beside it", () => {
    const view = argoMetricView(metricOf(failingRun.metrics[0]), {
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
    });
    expect(view.firstFailing).toMatchObject({ index: 2, value: 0.62, outcome: "Failed" });
    expect(view.points.map((p) => p.outcome)).toEqual(["Successful", "Successful", "Failed", "Failed"]);
    expect(view.stable).toEqual([
      { t: (s0 + 40) * 1000, value: 0.996 },
      { t: (s0 + 60) * 1000, value: 0.995 },
    ]);
    expect(view.rows[2]?.stable).toBe(0.996);
    expect(view.domain[0]).toBeLessThan(0.57);
    expect(view.domain[1]).toBeGreaterThan(0.996);
    expect(view.summary).toBe(
      `5 measurements, 2 failed, 1 error, last 0.58 (threshold ${isolate("result[0] > 0.9")})`,
    );
  });

  it("says why a condition that exists cannot be drawn, and when there is none", () => {
    const base = metricOf(seedRun.metrics[0]);
    const why = argoMetricView(
      {
        ...base,
        successCondition: "result[0] > result[1]",
        success: { drawable: false, reason: "compares two fields of result" },
      },
      undefined,
    );
    expect(why.notes).toEqual([`Success condition not drawn: ${isolate("compares two fields of result")}.`]);
    const { successCondition: _omit, ...none } = base;
    expect(
      argoMetricView({ ...none, success: { drawable: false, reason: "no successCondition" } }, undefined)
        .notes,
    ).toEqual(["No success or failure condition: there is nothing to draw against."]);
  });

  it("says when the stable query failed", () => {
    const view = argoMetricView(metricOf(failingRun.metrics[0]), {
      canary: { ok: true, value: [] },
      stable: { ok: false, error: "bad_data: 1:14: parse error" },
    });
    expect(view.notes).toContain(`Stable series query failed: ${isolate("bad_data: 1:14: parse error")}`);
  });

  it("leaves out lines on another field and says so", () => {
    const base = metricOf(failingRun.metrics[0]);
    const view = argoMetricView(
      {
        ...base,
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
    );
    expect(view.lines.map((l) => l.label)).toEqual(["result.p99 <= 300"]);
    expect(view.notes).toContain(
      `${isolate("result.p50 <= 50")} not drawn: it tests field ${isolate("p50")}, not the plotted value.`,
    );
  });
});

describe("flaggerMetricView", () => {
  const [successRate, duration] = podinfoMetrics;
  if (!successRate || !duration) throw new Error("podinfo metrics missing");

  it("judges request-success-rate samples against min 99% and shows the primary beside them", () => {
    const view = flaggerMetricView(successRate, {
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
    });
    expect(view.points.map((p) => p.outcome)).toEqual(["Successful", "Failed", "Successful"]);
    expect(view.firstFailing).toMatchObject({ value: 96.2, stable: 99.8 });
    expect(view.bands).toEqual([
      { from: view.domain[0], to: 99, includesFrom: true, includesTo: false, outcome: "fail" },
      { from: 99, to: view.domain[1], includesFrom: true, includesTo: true, outcome: "pass" },
    ]);
    expect(view.summary).toBe(`3 samples, 1 failed, last 99.4 (threshold ${isolate("min 99%")})`);
  });

  it("reports a failed canary query and draws nothing", () => {
    const view = flaggerMetricView(duration, { canary: { ok: false, error: "query timed out" } });
    expect(view.rows).toEqual([]);
    expect(view.notes).toEqual([`Canary query failed: ${isolate("query timed out")}`]);
    expect(view.summary).toBe(`0 samples, 0 failed, no plottable value (threshold ${isolate("max 500ms")})`);
  });
});

describe("metricSummary", () => {
  it("counts inconclusive measurements", () => {
    const rows = [
      { index: 0, phase: "Inconclusive", outcome: "Inconclusive" as const, value: 0.7, firstFailing: false },
    ];
    expect(metricSummary(rows, [], "measurement")).toBe("1 measurement, 0 failed, 1 inconclusive, last 0.7");
  });
});
