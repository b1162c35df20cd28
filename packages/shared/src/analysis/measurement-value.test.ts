import { describe, expect, it } from "vitest";
import {
  type MeasurementValue,
  measurementResult,
  parseGoFloat,
  parseMeasurementValue,
  primaryField,
  primaryNumber,
} from "./measurement-value";

describe("parseMeasurementValue", () => {
  it.each<[string | undefined, MeasurementValue]>([
    ["[0.97]", { kind: "vector", values: [0.97] }],
    ["[]", { kind: "vector", values: [] }],
    ["0.5", { kind: "number", value: 0.5 }],
    ["NaN", { kind: "nan" }],
    ['{"p99":250}', { kind: "object", fields: { p99: 250 } }],
    ["true", { kind: "text", text: "true" }],
    ["", { kind: "empty" }],
    [undefined, { kind: "empty" }],
    ["   ", { kind: "empty" }],
    // Argo writes Prometheus vectors with Go float formatting, so NaN/+Inf appear unquoted.
    ["[0.97,NaN,+Inf]", { kind: "vector", values: [0.97, Number.NaN, Number.POSITIVE_INFINITY] }],
    ["[0.97, 0.5]", { kind: "vector", values: [0.97, 0.5] }],
    // Go's fmt for []float64 separates with spaces.
    ["[1 2 3]", { kind: "vector", values: [1, 2, 3] }],
    ["+Inf", { kind: "number", value: Number.POSITIVE_INFINITY }],
    ["-Inf", { kind: "number", value: Number.NEGATIVE_INFINITY }],
    ["1e3", { kind: "number", value: 1000 }],
    ["-2", { kind: "number", value: -2 }],
    ['{"a": {"b": 1}}', { kind: "object", fields: { a: { b: 1 } } }],
    ['["a","b"]', { kind: "text", text: '["a","b"]' }],
    ["[[0.1 0.2]]", { kind: "text", text: "[[0.1 0.2]]" }],
    ["{not json", { kind: "text", text: "{not json" }],
    ["map[p99:250]", { kind: "text", text: "map[p99:250]" }],
    ["0x10", { kind: "text", text: "0x10" }],
  ])("parses %j", (input, expected) => {
    expect(parseMeasurementValue(input)).toEqual(expected);
  });
});

describe("parseGoFloat", () => {
  it("accepts what strconv.ParseFloat accepts for decimals, Inf and NaN", () => {
    expect(parseGoFloat("1.5")).toBe(1.5);
    expect(parseGoFloat(".5")).toBe(0.5);
    expect(parseGoFloat("5.")).toBe(5);
    expect(parseGoFloat("Infinity")).toBe(Number.POSITIVE_INFINITY);
    expect(parseGoFloat("-inf")).toBe(Number.NEGATIVE_INFINITY);
    expect(parseGoFloat("nan")).toBeNaN();
    expect(parseGoFloat("1.1.1")).toBeUndefined();
    expect(parseGoFloat(" 1")).toBeUndefined();
    expect(parseGoFloat("")).toBeUndefined();
  });
});

describe("primaryNumber and primaryField", () => {
  it.each<[string | undefined, number | undefined, string | undefined]>([
    ["[0.97]", 0.97, "0"],
    ["[0.97,0.5]", 0.97, "0"],
    ["[]", undefined, "0"],
    ["0.5", 0.5, undefined],
    ["NaN", undefined, undefined],
    ["+Inf", undefined, undefined],
    ['{"p99":250}', 250, "p99"],
    ['{"p99":250,"name":"x"}', 250, "p99"],
    ['{"p95":200,"p99":250}', undefined, undefined],
    ['{"ok":"true"}', undefined, undefined],
    ["true", undefined, undefined],
    ["", undefined, undefined],
  ])("%j plots %s from field %s", (input, number, field) => {
    const parsed = parseMeasurementValue(input);
    expect(primaryNumber(parsed)).toBe(number);
    expect(primaryField(parsed)).toBe(field);
  });
});

describe("measurementResult", () => {
  it("gives the value a condition sees as result", () => {
    expect(measurementResult(parseMeasurementValue("[0.97]"))).toEqual([0.97]);
    expect(measurementResult(parseMeasurementValue("0.5"))).toBe(0.5);
    expect(measurementResult(parseMeasurementValue("NaN"))).toBeNaN();
    expect(measurementResult(parseMeasurementValue('{"p99":250}'))).toEqual({ p99: 250 });
    expect(measurementResult(parseMeasurementValue("true"))).toBe("true");
    expect(measurementResult(parseMeasurementValue(""))).toBeNull();
  });
});
