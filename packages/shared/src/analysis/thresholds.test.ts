import { describe, expect, it } from "vitest";
import { requiredConditions } from "./required-conditions.fixture";
import type { ThresholdLine, ThresholdOp, ThresholdResult } from "./threshold-lines";
import { conditionThresholds } from "./thresholds";
import { upstreamConditions } from "./upstream-conditions.fixture";

const all = [...upstreamConditions, ...requiredConditions];

describe("conditionThresholds on upstream Argo Rollouts conditions", () => {
  it("covers at least 30 upstream conditions and every required condition", () => {
    expect(upstreamConditions.filter((c) => c.source !== "required").length).toBeGreaterThanOrEqual(30);
    const required = [
      "result[0] >= 0.95",
      "result < 500",
      "len(result) == 0 || result[0] > 0.90",
      "result.p99 <= 300",
      "isNaN(result) || result >= 0.9",
      "asInt(result) >= 1",
      "result[0] <= 0.01",
      "result == true",
      "result.successful == true",
      "result[0] >= 0.95 && result[0] <= 1",
      "default(result, 0) >= 0.95",
      "result in [200, 201]",
    ];
    expect(all.map((c) => c.condition)).toEqual(expect.arrayContaining(required));
  });

  it.each(all.map((c) => [c.condition, c.kind, c.source, c.thresholds] as const))(
    "%s (%s, %s)",
    (condition, kind, _source, expected) => {
      expect(conditionThresholds(condition, kind)).toEqual(expected);
    },
  );
});

const line = (
  op: ThresholdOp,
  value: number,
  label: string,
  extra: Partial<ThresholdLine> = {},
): ThresholdLine => ({
  value,
  op,
  side: "pass",
  label,
  ...extra,
});

describe("conditionThresholds rules", () => {
  it.each<[string, ThresholdResult]>([
    // a literal on the left is normalised to result on the left
    ["0.95 <= result[0]", { drawable: true, lines: [line(">=", 0.95, "result[0] >= 0.95", { field: "0" })] }],
    ["-1 < result", { drawable: true, lines: [line(">", -1, "result > -1")] }],
    [
      'result["p99"] <= 300',
      { drawable: true, lines: [line("<=", 300, "result.p99 <= 300", { field: "p99" })] },
    ],
    [
      "result['average.duration'] < 100",
      {
        drawable: true,
        lines: [line("<", 100, 'result["average.duration"] < 100', { field: "average.duration" })],
      },
    ],
    ["float(result) > 2", { drawable: true, lines: [line(">", 2, "result > 2")] }],
    ["(result ?? 0) >= 0.95", { drawable: true, lines: [line(">=", 0.95, "result >= 0.95")] }],
    // not / ! flip the operator; De Morgan turns a negated band into alternatives
    ["!(result < 0.5)", { drawable: true, lines: [line(">=", 0.5, "result >= 0.5")] }],
    [
      "not (result >= 0.9 and result <= 1)",
      {
        drawable: true,
        lines: [
          line("<", 0.9, "result < 0.9", { combine: "any" }),
          line(">", 1, "result > 1", { combine: "any" }),
        ],
      },
    ],
    ["none(result, {# > 5})", { drawable: true, lines: [line("<=", 5, "every result <= 5")] }],
    ["any(result, {# > 5})", { drawable: true, lines: [line(">", 5, "some result > 5")] }],
    ["result not in [500]", { drawable: true, lines: [line("!=", 500, "result != 500")] }],
    // guards are ignored in either connective
    ["result == nil || result > 1", { drawable: true, lines: [line(">", 1, "result > 1")] }],
    ["!isNaN(result) && result > 1", { drawable: true, lines: [line(">", 1, "result > 1")] }],
    ["result[0] > result[1]", { drawable: false, reason: "compares two fields of result" }],
    ["abs(result) < 1", { drawable: false, reason: "uses a function we cannot invert: abs()" }],
    ["count(result, {# > 1}) >= 2", { drawable: false, reason: "uses a function we cannot invert: count()" }],
    [
      "result * 100 >= 95",
      { drawable: false, reason: "applies arithmetic or logic to result before comparing" },
    ],
    ["result[len(result) - 1] > 0", { drawable: false, reason: "uses a computed index into result" }],
    [
      "result[0] > 0.9 && (result[0] < 1 || result[1] < 1)",
      { drawable: false, reason: "mixes and/or comparisons" },
    ],
    [
      "result.ok || result.rate > 0.9",
      { drawable: false, reason: "has an alternative without a numeric comparison" },
    ],
    ["result > 1 ? true : false", { drawable: false, reason: "uses a conditional expression on result" }],
    ["len(result) > 0", { drawable: false, reason: "only checks for missing or invalid data" }],
    ['result == "ok"', { drawable: false, reason: "has no numeric comparison" }],
    [
      "result >=",
      { drawable: false, reason: "cannot be parsed: Expected expression after >= at character 9" },
    ],
    ["", { drawable: false, reason: "has no condition" }],
  ])("%s", (condition, expected) => {
    expect(conditionThresholds(condition, "success")).toEqual(expected);
  });

  it("marks failure-condition lines as the fail side", () => {
    expect(conditionThresholds("result[0] > 0.1 || result[0] < 0", "failure")).toEqual({
      drawable: true,
      lines: [
        { value: 0.1, op: ">", side: "fail", field: "0", label: "result[0] > 0.1", combine: "any" },
        { value: 0, op: "<", side: "fail", field: "0", label: "result[0] < 0", combine: "any" },
      ],
    });
  });

  it("treats a missing condition as not drawable", () => {
    expect(conditionThresholds(undefined, "failure")).toEqual({
      drawable: false,
      reason: "has no condition",
    });
  });
});
