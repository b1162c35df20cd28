import { describe, expect, it } from "vitest";
import type { ThresholdLine } from "./threshold-lines";
import {
  classifyAgainstThresholds,
  flaggerBuiltinThreshold,
  flaggerMetricThresholds,
  flaggerThresholds,
  linesForField,
  thresholdLabels,
} from "./threshold-lines";
import { conditionThresholds } from "./thresholds";

function linesOf(condition: string, kind: "success" | "failure"): ThresholdLine[] {
  const result = conditionThresholds(condition, kind);
  if (!result.drawable) throw new Error(result.reason);
  return result.lines;
}

describe("classifyAgainstThresholds", () => {
  const band = linesOf("result[0] >= 0.95 && result[0] <= 1", "success");
  const either = linesOf("result in [200, 201]", "success");
  const failOnly = linesOf("result[0] >= 10", "failure");
  // Argo docs: success >= 0.90 with failure < 0.50 leaves an Inconclusive gap between them.
  const both = [...linesOf("result[0] >= 0.90", "success"), ...linesOf("result[0] < 0.50", "failure")];

  it.each<[string, number | undefined, ThresholdLine[], "pass" | "fail" | "unknown"]>([
    ["inside a success band", 0.97, band, "pass"],
    ["below a success band", 0.9, band, "fail"],
    ["above a success band", 1.1, band, "fail"],
    ["one of several == values", 201, either, "pass"],
    ["none of several == values", 500, either, "fail"],
    ["a met failure condition", 12, failOnly, "fail"],
    ["a missed failure condition", 3, failOnly, "pass"],
    ["a met success side", 0.95, both, "pass"],
    ["a met failure side", 0.4, both, "fail"],
    ["the inconclusive gap", 0.7, both, "unknown"],
    ["NaN", Number.NaN, band, "unknown"],
    ["no value", undefined, band, "unknown"],
    ["no lines", 1, [], "unknown"],
  ])("%s", (_name, value, lines, expected) => {
    expect(classifyAgainstThresholds(value, lines)).toBe(expected);
  });
});

describe("Flagger thresholds", () => {
  it("turns thresholdRange into inclusive pass lines", () => {
    expect(flaggerThresholds({ min: 10, max: 1000 })).toEqual({
      drawable: true,
      lines: [
        { value: 10, op: ">=", side: "pass", label: "min 10" },
        { value: 1000, op: "<=", side: "pass", label: "max 1000" },
      ],
    });
    expect(flaggerThresholds({ max: 5 })).toEqual({
      drawable: true,
      lines: [{ value: 5, op: "<=", side: "pass", label: "max 5" }],
    });
    expect(flaggerThresholds({})).toEqual({ drawable: false, reason: "thresholdRange has no min or max" });
  });

  it("reads the legacy threshold as a minimum success rate and a maximum otherwise", () => {
    expect(flaggerBuiltinThreshold("request-success-rate", 99)).toEqual({
      drawable: true,
      lines: [{ value: 99, op: ">=", side: "pass", label: "min 99%" }],
    });
    expect(flaggerBuiltinThreshold("request-duration", 500)).toEqual({
      drawable: true,
      lines: [{ value: 500, op: "<=", side: "pass", label: "max 500ms" }],
    });
    expect(flaggerBuiltinThreshold("404s percentage", 5)).toEqual({
      drawable: true,
      lines: [{ value: 5, op: "<=", side: "pass", label: "max 5" }],
    });
    expect(flaggerBuiltinThreshold("request-duration", undefined)).toEqual({
      drawable: false,
      reason: "has no threshold",
    });
  });

  it("prefers thresholdRange over threshold, as Flagger does", () => {
    expect(
      flaggerMetricThresholds({ name: "request-success-rate", thresholdRange: { min: 99 }, threshold: 50 }),
    ).toEqual({
      drawable: true,
      lines: [{ value: 99, op: ">=", side: "pass", label: "min 99%" }],
    });
    expect(flaggerMetricThresholds({ name: "request-duration", threshold: 500 })).toEqual({
      drawable: true,
      lines: [{ value: 500, op: "<=", side: "pass", label: "max 500ms" }],
    });
  });

  it("classifies Flagger values like Flagger halts them", () => {
    const range = flaggerThresholds({ min: 99 });
    if (!range.drawable) throw new Error(range.reason);
    expect(classifyAgainstThresholds(99, range.lines)).toBe("pass");
    expect(classifyAgainstThresholds(98.9, range.lines)).toBe("fail");
  });
});

describe("linesForField", () => {
  const p99 = linesOf("result.p99 <= 300", "success");
  const first = linesOf("result[0] >= 0.95", "success");
  const whole: ThresholdLine[] = [{ value: 500, op: "<", side: "pass", label: "result < 500" }];
  it.each<[string, ThresholdLine[], string | undefined, number, number]>([
    ["a vector's first element", first, "0", 1, 0],
    ["result itself matches a one-element vector", whole, "0", 1, 0],
    ["result[0] matches a plain number", first, undefined, 1, 0],
    ["an object field", p99, "p99", 1, 0],
    ["another field is left out", p99, "p50", 0, 1],
  ])("%s", (_name, given, field, drawn, other) => {
    const r = linesForField(given, field);
    expect([r.drawn.length, r.other.length]).toEqual([drawn, other]);
  });
});

describe("thresholdLabels", () => {
  it.each<[string, Parameters<typeof thresholdLabels>[0], string | undefined]>([
    ["a Flagger range", flaggerThresholds({ min: 99, max: 100 }, "%"), "min 99%, max 100%"],
    ["one Argo condition", conditionThresholds("result[0] >= 0.95", "success"), "result[0] >= 0.95"],
    ["nothing drawable", flaggerThresholds({}), undefined],
  ])("%s", (_name, result, expected) => expect(thresholdLabels(result)).toBe(expected));
});
