// Conditions the dashboard must draw (listed in its requirements), beyond those found upstream.
import type { UpstreamCondition } from "./upstream-conditions.fixture";
import { lines, NO_NUMBER, pass, row } from "./upstream-conditions.fixture";

const REQUIRED = "required";

export const requiredConditions: UpstreamCondition[] = [
  row("result < 500", "success", REQUIRED, lines(pass("<", 500, "result < 500")), [
    [250, true],
    [700, false],
  ]),
  row(
    "len(result) == 0 || result[0] > 0.90",
    "success",
    REQUIRED,
    lines(pass(">", 0.9, "result[0] > 0.9", "0")),
    [
      [[], true],
      [[0.95], true],
      [[0.9], false],
    ],
  ),
  row("result.p99 <= 300", "success", REQUIRED, lines(pass("<=", 300, "result.p99 <= 300", "p99")), [
    [{ p99: 250 }, true],
    [{ p99: 350 }, false],
    [{}, "error"],
  ]),
  row("isNaN(result) || result >= 0.9", "success", REQUIRED, lines(pass(">=", 0.9, "result >= 0.9")), [
    [Number.NaN, true],
    [0.8, false],
  ]),
  row("asInt(result) >= 1", "success", REQUIRED, lines(pass(">=", 1, "result >= 1")), [
    ["3", true],
    [0.5, false],
  ]),
  row("result.successful == true", "success", REQUIRED, NO_NUMBER, [
    [{ successful: true }, true],
    [{ successful: false }, false],
    [{}, false],
  ]),
  row(
    "result[0] >= 0.95 && result[0] <= 1",
    "success",
    REQUIRED,
    lines(pass(">=", 0.95, "result[0] >= 0.95", "0"), pass("<=", 1, "result[0] <= 1", "0")),
    [
      [[0.97], true],
      [[1.2], false],
    ],
  ),
  row("default(result, 0) >= 0.95", "success", REQUIRED, lines(pass(">=", 0.95, "result >= 0.95")), [
    [0.97, true],
    [null, false],
  ]),
  row(
    "result in [200, 201]",
    "success",
    REQUIRED,
    lines(
      { ...pass("==", 200, "result == 200"), combine: "any" },
      { ...pass("==", 201, "result == 201"), combine: "any" },
    ),
    [
      [201, true],
      [500, false],
    ],
  ),
];
