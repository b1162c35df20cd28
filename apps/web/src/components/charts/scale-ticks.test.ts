import { describe, expect, it } from "vitest";
import { niceScale, niceStep, timeTicks } from "./scale-ticks";

// Local midnight, so the expectations hold in every time zone.
const day = new Date(2022, 11, 8).getTime();
const at = (h: number, m: number, s = 0) => day + ((h * 60 + m) * 60 + s) * 1000;

describe("timeTicks", () => {
  it.each<[string, number, number, number[]]>([
    [
      "ten minutes: every 2 minutes",
      at(10, 13, 42),
      at(10, 23, 48),
      [at(10, 14), at(10, 16), at(10, 18), at(10, 20), at(10, 22)],
    ],
    [
      "an hour: every 10 minutes",
      at(9, 23, 48),
      at(10, 23, 48),
      [at(9, 30), at(9, 40), at(9, 50), at(10, 0), at(10, 10), at(10, 20)],
    ],
    [
      "three minutes of a run: every 30 seconds",
      at(4, 8, 37),
      at(4, 11, 7),
      [at(4, 9), at(4, 9, 30), at(4, 10), at(4, 10, 30), at(4, 11)],
    ],
    ["a day: every 6 hours (local)", at(0, 30), at(23, 30), [at(6, 0), at(12, 0), at(18, 0)]],
    ["an empty span", at(4, 0), at(4, 0), [at(4, 0)]],
  ])("%s", (_name, start, end, expected) => {
    expect(timeTicks(start, end)).toEqual(expected);
  });
});

describe("niceStep", () => {
  it.each([
    [0.084, 0.1],
    [0.04, 0.05],
    [109.8, 200],
    [0.22, 0.25],
    [3, 5],
    [0, 1],
  ])("%f → %f", (raw, expected) => expect(niceStep(raw)).toBe(expected));
});

describe("niceScale", () => {
  it.each<[string, number, number, [number, number], number[]]>([
    ["a success rate around 0.9", 0.585, 1.005, [0.5, 1.1], [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1]],
    ["percent near 99", 95.6, 100.3, [95, 101], [95, 96, 97, 98, 99, 100, 101]],
    ["latency from 0 to a 500 ms threshold", 0, 549, [0, 600], [0, 200, 400, 600]],
    ["a flat series at 1", 0.9, 1.1, [0.9, 1.1], [0.9, 0.95, 1, 1.05, 1.1]],
  ])("%s", (_name, lo, hi, domain, ticks) => {
    expect(niceScale(lo, hi)).toEqual({ domain, ticks });
  });
});
