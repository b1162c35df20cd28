import { describe, expect, it } from "vitest";
import { formatSeconds, parseGoDuration } from "./go-duration";

describe("parseGoDuration", () => {
  it.each([
    ["10s", 10],
    ["1m", 60],
    ["1m30s", 90],
    ["1.5h", 5400],
    ["500ms", 0.5],
    ["2h45m", 9900],
    ["60", 60],
    [30, 30],
    ["0", 0],
    [" 5m ", 300],
  ] as const)("%s → %s", (input, seconds) => {
    expect(parseGoDuration(input)).toBeCloseTo(seconds);
  });

  it.each([
    ["", undefined],
    ["abc", undefined],
    ["10x", undefined],
    ["s", undefined],
    [null, undefined],
    [-5, undefined],
  ])("%s cannot be read", (input, expected) => {
    expect(parseGoDuration(input as string | null)).toBe(expected);
  });
});

describe("formatSeconds", () => {
  it.each([
    [45, "45s"],
    [120, "2m"],
    [90, "1m30s"],
    [3900, "1h5m"],
    [-3, "0s"],
  ])("%s → %s", (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });

  it.each([
    [0, "0s"],
    [45.4, "45s"],
    [60, "1m"],
    [90, "1m 30s"],
    [125, "2m 5s"],
    [3600, "1h"],
    [3900, "1h 5m"],
    [5400, "1h 30m"],
  ])("%s → %s with a space between the units", (seconds, text) => {
    expect(formatSeconds(seconds, { separator: " " })).toBe(text);
  });
});
