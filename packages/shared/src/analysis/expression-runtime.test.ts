import { describe, expect, it } from "vitest";
import { arithmetic, compare, contains, equal, fetch, goTypeName } from "./expression-runtime";

describe("expression runtime", () => {
  it("names values like Go does in Argo's error messages", () => {
    expect([null, undefined, 1, 1.5, "s", true, [1], { a: 1 }].map(goTypeName)).toEqual([
      "<nil>",
      "<nil>",
      "int",
      "float64",
      "string",
      "bool",
      "[]interface {}",
      "map[string]interface {}",
    ]);
  });

  it("compares deeply and treats nil and undefined alike", () => {
    expect(equal([1, { a: [2] }], [1, { a: [2] }])).toBe(true);
    expect(equal({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(equal(null, undefined)).toBe(true);
    expect(equal(1, "1")).toBe(false);
  });

  it("indexes arrays, strings and maps", () => {
    expect(fetch([1, 2, 3], -1, false)).toBe(3);
    expect(fetch([1, 2, 3], 1.9, false)).toBe(2);
    expect(fetch("abc", 1, false)).toBe("b");
    expect(fetch({ a: 1 }, "b", false)).toBeNull();
    expect(fetch({ a: 1 }, "toString", false)).toBeNull();
    expect(fetch(null, "a", true)).toBeNull();
    expect(() => fetch([1], 1, false)).toThrow("index out of range: 1 (array length is 1)");
    expect(() => fetch([1], "a", false)).toThrow("cannot fetch a from []interface {}");
  });

  it("orders numbers and strings only", () => {
    expect(compare("<", 1, 2)).toBe(true);
    expect(compare(">=", "b", "a")).toBe(true);
    expect(compare("<", Number.NaN, 1)).toBe(false);
    expect(() => compare("<", true, 1)).toThrow("invalid operation: < (mismatched types bool and int)");
  });

  it("does arithmetic and membership", () => {
    expect(arithmetic("/", 1, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(arithmetic("+", "a", "b")).toBe("ab");
    expect(() => arithmetic("%", 1, 0)).toThrow("integer divide by zero");
    expect(contains(2, [1, 2])).toBe(true);
    expect(contains("a", { a: 0 })).toBe(true);
    expect(contains(1, undefined)).toBe(false);
    expect(() => contains(1, { a: 0 })).toThrow("cannot use int as index to map[string]interface {}");
  });
});
