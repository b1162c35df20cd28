// Conditions copied from upstream Argo Rollouts docs and tests (argoproj/argo-rollouts, paths in
// `source`). Each carries the threshold lines we expect and how Argo evaluates it for a few results
// ("error" = measurement phase Error). required-conditions.fixture.ts adds the other required ones.
import type { ThresholdLine, ThresholdOp, ThresholdResult } from "./threshold-lines";

export interface UpstreamCondition {
  condition: string;
  kind: "success" | "failure";
  source: string;
  thresholds: ThresholdResult;
  evaluations: Array<[result: unknown, expected: boolean | "error"]>;
}

const DOCS = "docs/features/analysis.md";
const TESTS = "utils/evaluate/evaluate_test.go";

export const row = (
  condition: string,
  kind: "success" | "failure",
  source: string,
  thresholds: ThresholdResult,
  evaluations: UpstreamCondition["evaluations"],
): UpstreamCondition => ({ condition, kind, source, thresholds, evaluations });

export const lines = (...items: ThresholdLine[]): ThresholdResult => ({ drawable: true, lines: items });
export const pass = (op: ThresholdOp, value: number, label: string, field?: string): ThresholdLine =>
  field === undefined ? { value, op, side: "pass", label } : { value, op, side: "pass", label, field };
export const fail = (op: ThresholdOp, value: number, label: string, field?: string): ThresholdLine => ({
  ...pass(op, value, label, field),
  side: "fail",
});
export const none = (reason: string): ThresholdResult => ({ drawable: false, reason });
export const NO_NUMBER = none("has no numeric comparison");
const apdex = (...values: unknown[]) => ({ service_apdex: { label: null, values: { values } } });

export const upstreamConditions: UpstreamCondition[] = [
  row(
    "result[0] >= 0.95",
    "success",
    `${DOCS}, docs/analysis/prometheus.md`,
    lines(pass(">=", 0.95, "result[0] >= 0.95", "0")),
    [
      [[0.97], true],
      [[0.9], false],
      [[], "error"],
    ],
  ),
  row(
    "result >= 0.95",
    "success",
    `${DOCS}, docs/analysis/wavefront.md`,
    lines(pass(">=", 0.95, "result >= 0.95")),
    [
      [0.97, true],
      [Number.NaN, false],
      [Number.POSITIVE_INFINITY, true],
      [null, "error"],
    ],
  ),
  row("result[0] <= 0.95", "success", DOCS, lines(pass("<=", 0.95, "result[0] <= 0.95", "0")), [
    [[0.01], true],
  ]),
  row("result[0] >= 0.90", "success", DOCS, lines(pass(">=", 0.9, "result[0] >= 0.9", "0")), [
    [[0.7], false],
  ]),
  row("result[0] < 0.50", "failure", DOCS, lines(fail("<", 0.5, "result[0] < 0.5", "0")), [
    [[0.7], false],
    [[0.4], true],
  ]),
  row("result[0] >= 10", "failure", DOCS, lines(fail(">=", 10, "result[0] >= 10", "0")), [[[12], true]]),
  row("isNaN(result) || result >= 0.95", "success", DOCS, lines(pass(">=", 0.95, "result >= 0.95")), [
    [Number.NaN, true],
    [0.5, false],
    [[0.97], "error"],
  ]),
  row("result < 0.95", "failure", DOCS, lines(fail("<", 0.95, "result < 0.95")), [[Number.NaN, false]]),
  row("isInf(result)", "failure", DOCS, none("only checks for missing or invalid data"), [
    [Number.POSITIVE_INFINITY, true],
    [1, false],
  ]),
  row(
    "len(result) == 0 || result[0] >= 0.95",
    "success",
    DOCS,
    lines(pass(">=", 0.95, "result[0] >= 0.95", "0")),
    [
      [[], true],
      [[0.5], false],
    ],
  ),
  row(
    "len(result) > 0 && result[0] >= 0.95",
    "success",
    DOCS,
    lines(pass(">=", 0.95, "result[0] >= 0.95", "0")),
    [
      [[], false],
      [[0.99], true],
    ],
  ),
  row("default(result, 0) < 0.05", "success", DOCS, lines(pass("<", 0.05, "result < 0.05")), [
    [null, true],
    [0.1, false],
  ]),
  row("result == 'true'", "success", DOCS, NO_NUMBER, [
    ["true", true],
    [true, false],
  ]),
  row("asFloat(result) >= 0.90", "success", `${DOCS} (v0.x)`, lines(pass(">=", 0.9, "result >= 0.9")), [
    ["0.95", true],
    ["abc", "error"],
  ]),
  row("result == true", "success", `docs/analysis/web.md, ${TESTS}`, NO_NUMBER, [
    [true, true],
    [false, false],
  ]),
  row(
    "result.ok && result.successPercent >= 0.90",
    "success",
    "docs/analysis/web.md",
    lines(pass(">=", 0.9, "result.successPercent >= 0.9", "successPercent")),
    [
      [{ ok: true, successPercent: 0.95 }, true],
      [{ ok: false, successPercent: 0.95 }, false],
    ],
  ),
  row("result <= 0.01", "success", "docs/analysis/datadog.md", lines(pass("<=", 0.01, "result <= 0.01")), [
    [0.001, true],
  ]),
  row(
    "len(result[0].Values) >= 5 and all(result[0].Values, {# <= 0.01})",
    "success",
    "docs/analysis/cloudwatch.md",
    lines(pass("<=", 0.01, "every result[0].Values <= 0.01", "0.Values")),
    [
      [[{ Values: [0.001, 0.002, 0.003, 0.004, 0.005] }], true],
      [[{ Values: [0.001, 0.002, 0.003, 0.004, 0.02] }], false],
      [[{ Values: [0.001] }], false],
    ],
  ),
  row(
    "result.successRate >= 0.95",
    "success",
    "docs/analysis/newrelic.md",
    lines(pass(">=", 0.95, "result.successRate >= 0.95", "successRate")),
    [[{ successRate: 0.99 }, true]],
  ),
  // Upstream typo: `results` is not defined, so Argo fails with "unknown name results".
  row(
    "results[0] >= 90.000000",
    "success",
    "docs/analysis/graphite.md",
    none('uses unknown name "results"'),
    [[[95], "error"]],
  ),
  row(
    "result[0] <= 0.01",
    "success",
    "docs/analysis/influxdb.md, required",
    lines(pass("<=", 0.01, "result[0] <= 0.01", "0")),
    [
      [[0.001], true],
      [[0.5], false],
    ],
  ),
  row(
    "all(result.service_apdex.values.values, {asFloat(.value) >= 9900})",
    "success",
    "docs/analysis/skywalking.md",
    lines(
      pass(
        ">=",
        9900,
        "every result.service_apdex.values.values.value >= 9900",
        "service_apdex.values.values.value",
      ),
    ),
    [
      [apdex({ value: "9950" }, { value: "9999" }), true],
      [apdex({ value: "9950" }, { value: "9000" }), false],
    ],
  ),
  row(
    "result.Percentage[0] >= 0.95",
    "success",
    "docs/analysis/appinsights.md",
    lines(pass(">=", 0.95, "result.Percentage[0] >= 0.95", "Percentage.0")),
    [[{ Percentage: [0.97] }, true]],
  ),
  row(
    "default(result, 0) < 0.01",
    "success",
    "docs/analysis/instana.md",
    lines(pass("<", 0.01, "result < 0.01")),
    [[null, true]],
  ),
  row(
    "default(result, 0) >= 0.05",
    "failure",
    "docs/analysis/instana.md",
    lines(fail(">=", 0.05, "result >= 0.05")),
    [
      [null, false],
      [0.06, true],
    ],
  ),
  row(
    "all(result[0], # >= 0.95)",
    "success",
    "docs/analysis/gcp.md",
    lines(pass(">=", 0.95, "every result[0] >= 0.95", "0")),
    [
      [[[0.96, 0.97]], true],
      [[[0.96, 0.9]], false],
    ],
  ),
  row(
    "result[0][0] < 0.8",
    "success",
    "docs/analysis/gcp.md",
    lines(pass("<", 0.8, "result[0][0] < 0.8", "0.0")),
    [[[[0.5, 0.9]], true]],
  ),
  row("true", "success", TESTS, NO_NUMBER, [[true, true]]),
  row("a == true", "success", TESTS, none('uses unknown name "a"'), [[true, "error"]]),
  row("result > 1", "success", TESTS, lines(pass(">", 1, "result > 1")), [[5, true]]),
  row("2 in result", "success", TESTS, NO_NUMBER, [
    [[2, 2], true],
    [[3], false],
  ]),
  row(
    "all(result.service_apdex.values.values, {# > 1})",
    "success",
    TESTS,
    lines(pass(">", 1, "every result.service_apdex.values.values > 1", "service_apdex.values.values")),
    [
      [apdex(2, 2), true],
      [apdex(2, 1), false],
    ],
  ),
  row("asInt(result) == 1", "success", TESTS, lines(pass("==", 1, "result == 1")), [
    ["1", true],
    [1, true],
    [1.123, true],
    ["1.1", "error"],
  ]),
  row("asFloat(result) >= 1.1", "success", TESTS, lines(pass(">=", 1.1, "result >= 1.1")), [
    ["1.1", true],
    ["NotANum", "error"],
  ]),
  row("result.Name() == 'hi'", "success", TESTS, none("cannot be parsed: unsupported syntax: method calls"), [
    [true, "error"],
  ]),
  row("invalidVariable", "success", TESTS, none('uses unknown name "invalidVariable"'), [[true, "error"]]),
  row("1", "success", TESTS, NO_NUMBER, [[true, "error"]]),
];
