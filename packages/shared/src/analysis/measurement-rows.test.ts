import { describe, expect, it } from "vitest";
import { sharedFixturesDir } from "../testing/fixtures";
import { argoRows, flaggerRows, type MeasurementOutcome, outcomeOfPhase } from "./measurement-rows";
import { failingMetric, seedMetric, firstMeasurementAt as t0 } from "./metric-view.fixture";
import type { ThresholdLine } from "./threshold-lines";

describe("outcomeOfPhase", () => {
  it.each<[string, MeasurementOutcome]>([
    ["Successful", "Successful"],
    ["Failed", "Failed"],
    ["Inconclusive", "Inconclusive"],
    ["Error", "Error"],
    ["Running", "Running"],
    ["Pending", "Running"],
    ["", "Unknown"],
    ["Something new", "Unknown"],
  ])("%s", (phase, expected) => expect(outcomeOfPhase(phase)).toBe(expected));
});

describe.skipIf(!sharedFixturesDir)("argoRows", () => {
  it("keeps every seed measurement, the empty vector as a row without a value", () => {
    const metric = seedMetric();
    const rows = argoRows(metric.measurements, metric.firstFailing, [], 10_000);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({
      index: 0,
      t: t0,
      value: 1,
      raw: "[1]",
      phase: "Successful",
      outcome: "Successful",
      firstFailing: false,
    });
    expect(rows[9]).toEqual({
      index: 9,
      t: t0 + 180_000,
      raw: "[]",
      phase: "Successful",
      outcome: "Successful",
      firstFailing: false,
    });
  });

  it("marks the first failing measurement, keeps error messages and aligns the stable series", () => {
    const metric = failingMetric();
    const stable = [
      { t: t0 + 41_000, value: 0.995 },
      { t: t0 + 88_000, value: 0.993 },
    ];
    const rows = argoRows(metric.measurements, metric.firstFailing, stable, 10_000);
    expect(rows.map((r) => [r.outcome, r.value, r.firstFailing, r.stable])).toEqual([
      ["Successful", 0.97, false, undefined],
      ["Successful", 0.95, false, undefined],
      ["Failed", 0.62, true, 0.995],
      ["Failed", 0.58, false, undefined],
      ["Error", undefined, false, 0.993],
    ]);
    expect(rows[4]?.message).toContain("dial tcp: i/o timeout");
  });
});

describe("argoRows without times", () => {
  it("leaves the time out when Argo recorded none", () => {
    expect(argoRows([{ phase: "Running" }], undefined, [], 1)).toEqual([
      { index: 0, phase: "Running", outcome: "Running", firstFailing: false },
    ]);
  });
});

describe("flaggerRows", () => {
  const min99: ThresholdLine[] = [{ value: 99, op: ">=", side: "pass", label: "min 99%" }];
  const samples = [
    { t: 0, value: 99.8 },
    { t: 30_000, value: 97.1 },
    { t: 60_000, value: 98.4 },
    { t: 90_000, value: 99 },
  ];
  it("judges each sample as Flagger does (value < min halts) and marks the first failing one", () => {
    const rows = flaggerRows(samples, min99, [{ t: 30_000, value: 99.9 }], 15_000);
    expect(rows.map((r) => [r.outcome, r.phase, r.firstFailing])).toEqual([
      ["Successful", "Within threshold", false],
      ["Failed", "Outside threshold", true],
      ["Failed", "Outside threshold", false],
      ["Successful", "Within threshold", false],
    ]);
    expect(rows.map((r) => r.stable)).toEqual([undefined, 99.9, undefined, undefined]);
  });

  it("says there is nothing to compare without thresholds", () => {
    expect(flaggerRows(samples.slice(0, 1), [], [], 1)[0]).toMatchObject({
      outcome: "Unknown",
      phase: "No threshold to compare",
    });
  });
});
