import jsep from "jsep";
import { describe, expect, it } from "vitest";
import { evaluateCondition } from "./expression";

const value = (src: string, result?: unknown) => evaluateCondition(src, result);
const errorOf = (src: string, result?: unknown) => {
  const outcome = evaluateCondition(src, result);
  return outcome.ok ? undefined : outcome.error.message;
};

describe("evaluateCondition: Argo's error cases", () => {
  it.each<[string, unknown, string]>([
    // the message the Argo docs show for a nil Datadog result
    ["result < 0.05", null, "invalid operation: < (mismatched types <nil> and float64)"],
    ["result[0] >= 0.95", [], "index out of range: 0 (array length is 0)"],
    ["result[2] > 1", [1, 2], "index out of range: 2 (array length is 2)"],
    ["1", true, "expected bool, but got int"],
    ["result", 0.5, "expected bool, but got float64"],
    ["invalidVariable", true, "unknown name invalidVariable"],
    ["result.p99 > 1", null, "cannot fetch p99 from <nil>"],
    ["result.p99 > 1", 5, "cannot fetch p99 from int"],
    ["asInt(result) == 1", "1.1", 'strconv.ParseInt: parsing "1.1": invalid syntax'],
    ["asFloat(result) == 1.1", "NotANum", 'strconv.ParseFloat: parsing "NotANum": invalid syntax'],
    ["asInt(result) == 1", true, "asInt() not supported on bool true"],
    ["isNaN(result)", "x", "cannot use string as argument (type float64) to call isNaN"],
    ["len(result) > 0", 3, "invalid argument for len (type int)"],
    ["result > 1 && result", 2, "&& needs bool, got int"],
    ["not result", 1, "! needs bool, got int"],
    ["1 in result", 3, 'operator "in" not defined on int'],
    ["foo(result)", 1, "unknown func foo"],
    ["len(result, 1) > 0", [1], "too many arguments to call len"],
    ["default(result) > 0", 1, "not enough arguments to call default"],
    ["# > 1", 1, "unknown name #"],
    ["{# > 1}", 1, "a predicate {...} is only allowed as an argument of all/any/none/one/filter/map/count"],
    ["all(result, {# > 1})", null, "cannot iterate <nil>"],
    ["all(result, {#})", [1], "all needs bool, got int"],
    ["result % 2 == 0", 2.5, "invalid operation: % needs integers"],
    ["result - 'a' > 0", 1, "invalid operation: - (mismatched types int and string)"],
    ["-result > 0", "a", "invalid operation: - string"],
    ["result matches '('", "a", "invalid regular expression: ("],
    ["result contains 1", "a", "invalid operation: contains (mismatched types string and int)"],
    // Argo's default() evaluates its arguments, so fetching from a nil result still fails
    ["default(result.x, 0) > 1", null, "cannot fetch x from <nil>"],
  ])("%s with %o fails with %j", (src, result, message) => {
    expect(errorOf(src, result)).toBe(message);
  });
});

describe("evaluateCondition: expr semantics", () => {
  it.each<[string, unknown, boolean]>([
    ["len(result) == 0 || result[0] > 0.9", [], true],
    ["len(result) > 0 && result[0] > 0.9", [], false],
    ["result[-1] == 3", [1, 2, 3], true],
    ["result.p99 == nil", {}, true],
    ['result["p99"] == 250', { p99: 250 }, true],
    ["result?.p99 == nil", null, true],
    ["result?.p99 ?? 7 == 7", null, true],
    ['"p99" in result', { p99: 1 }, true],
    ["1 in result", null, false],
    ["result not in [500, 503]", 200, true],
    ["result == [1, 2]", [1, 2], true],
    ["result == [1, 2]", [1, 3], false],
    ["result == nil", null, true],
    ["result == result", Number.NaN, false],
    ["result == 1", 1.0, true],
    // Argo rejects this at compile time; here mismatched == is simply false (see expression-eval.ts)
    ['asFloat(result) == "1.1"', "1.1", false],
    ['"a" < result', "b", true],
    ["isInf(result)", Number.NEGATIVE_INFINITY, true],
    ["isNaN(result)", Number.NaN, true],
    ["isNil(1)", null, true],
    ["isNil(result)", [], false],
    ["default(5, 0) == 0.3", 0.3, true],
    ["default(result, 0) == 0", null, true],
    ["asFloat(result) == 1.5", "1.5", true],
    ["asFloat(result) > 1e308", "+Inf", true],
    ["asInt(result) == -2", -2.9, true],
    ["int(result) + float('0.5') == 3.5", "3", true],
    ["abs(result) == 2", -2, true],
    ["result * 100 >= 95", 0.96, true],
    ["1 / result > 1e9", 0, true],
    ["result ** 2 == 9 and 7 % 4 == 3", 3, true],
    ['result + "b" == "ab"', "a", true],
    ['result contains "ok" and result startsWith "all" and result endsWith "!"', "all ok!", true],
    ['result matches "^v[0-9]+$"', "v12", true],
    ["result > 1 ? result < 5 : false", 3, true],
    ["one(result, {# > 1})", [1, 2], true],
    ["none(result, {# > 5})", [1, 2], true],
    ["any(result, # > 1)", [1, 2], true],
    ["count(result, {# > 0}) == 2", [1, 2], true],
    ["len(filter(result, {# > 1})) == 1", [1, 2], true],
    ["map(result, {# * 2}) == [2, 4]", [1, 2], true],
    ["all(result, {#index < 2})", [5, 6], true],
    ["all(result, {.p99 < 300})", [{ p99: 250 }, { p99: 200 }], true],
    ["all(result, {all(#, {# > 0})})", [[1], [2, 3]], true],
  ])("%s with %o is %s", (src, result, expected) => {
    expect(value(src, result)).toEqual({ ok: true, value: expected });
  });

  it("treats an undefined result like nil", () => {
    expect(value("result == nil")).toEqual({ ok: true, value: true });
    expect(value("default(result, 1) == 1")).toEqual({ ok: true, value: true });
  });
});

describe("evaluateCondition never throws", () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;

  it.each<[string, unknown]>([
    ["result == result", cyclic],
    ["\u0000", 1],
    ["result[", 1],
    ["))", 1],
  ])("%j", (src, result) => {
    expect(() => evaluateCondition(src, result)).not.toThrow();
    expect(evaluateCondition(src, result).ok).toBe(false);
  });

  it("survives nesting deep enough to exhaust the stack", () => {
    const deep = `${"(".repeat(50000)}true${")".repeat(50000)}`;
    expect(() => evaluateCondition(deep, 1)).not.toThrow();
    expect(evaluateCondition("result > 1", 2)).toEqual({ ok: true, value: true });
    // the expr grammar was taken off jsep again even though the parse blew up
    expect(jsep("a and b").type).toBe("Compound");
  });
});
