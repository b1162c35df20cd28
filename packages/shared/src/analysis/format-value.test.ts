import { describe, expect, it } from "vitest";
import { formatValue } from "./format-value";

describe("formatValue", () => {
  it.each<[number | undefined, string]>([
    [undefined, "—"],
    [Number.NaN, "—"],
    [Number.POSITIVE_INFINITY, "+Inf"],
    [Number.NEGATIVE_INFINITY, "-Inf"],
    [0.97, "0.97"],
    [0.123456, "0.1235"],
    [99.999, "100"],
    [1234.56, "1235"],
    [123456.7, "123457"],
    [1, "1"],
  ])("%s → %s", (value, expected) => expect(formatValue(value)).toBe(expected));
});
