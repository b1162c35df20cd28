import { conditionThresholds, type ThresholdLine } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import { type Band, linesForField, thresholdBands } from "./threshold-bands-data";

function lines(condition: string, kind: "success" | "failure"): ThresholdLine[] {
  const r = conditionThresholds(condition, kind);
  if (!r.drawable) throw new Error(r.reason);
  return r.lines;
}
const bad = (y1: number, y2: number): Band => ({ y1, y2, tone: "bad", label: "fails" });
const warn = (y1: number, y2: number): Band => ({ y1, y2, tone: "warn", label: "inconclusive" });

describe("thresholdBands", () => {
  it.each<[string, ThresholdLine[], [number, number], Band[]]>([
    [
      "success only: below fails (seed myapp)",
      lines("len(result) == 0 || result[0] > 0.90", "success"),
      [0.5, 1.1],
      [bad(0.5, 0.9)],
    ],
    ["failure only: above fails", lines("result[0] >= 0.05", "failure"), [0, 0.1], [bad(0.05, 0.1)]],
    [
      "a success band: both sides fail",
      lines("result[0] >= 0.95 && result[0] <= 1", "success"),
      [0.9, 1.05],
      [bad(0.9, 0.95), bad(1, 1.05)],
    ],
    [
      "success and failure: the gap is inconclusive",
      [...lines("result[0] >= 0.90", "success"), ...lines("result[0] < 0.50", "failure")],
      [0, 1],
      [bad(0, 0.5), warn(0.5, 0.9)],
    ],
    [
      "failure when any holds: both ends fail",
      lines("result[0] > 0.1 || result[0] < 0", "failure"),
      [-0.5, 0.5],
      [bad(-0.5, 0), bad(0.1, 0.5)],
    ],
    ["a line above the domain: everything fails", lines("result[0] >= 2", "success"), [0, 1], [bad(0, 1)]],
    ["== is drawn, not shaded", lines("result in [200, 201]", "success"), [150, 250], []],
    ["Flagger min 99%", [{ value: 99, op: ">=", side: "pass", label: "min 99%" }], [95, 100], [bad(95, 99)]],
    ["no lines", [], [0, 1], []],
  ])("%s", (_name, given, domain, expected) => {
    expect(thresholdBands(given, domain)).toEqual(expected);
  });
});

describe("linesForField", () => {
  const p99 = lines("result.p99 <= 300", "success");
  const first = lines("result[0] >= 0.95", "success");
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
