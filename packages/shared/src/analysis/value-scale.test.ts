import { describe, expect, it } from "vitest";
import type { ThresholdLine } from "./threshold-lines";
import { niceScale, niceStep, yScale } from "./value-scale";

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

describe("yScale", () => {
  const line = (value: number): ThresholdLine => ({ value, op: ">", side: "pass", label: `> ${value}` });
  it.each<[string, number[], ThresholdLine[], [number, number]]>([
    ["values and the threshold, padded to round numbers", [0.97, 0.95, 0.62], [line(0.9)], [0.5, 1.1]],
    ["a threshold far above the values still shows", [10, 12], [line(500)], [0, 600]],
    ["a flat series gets room around it", [1, 1, 1], [], [0.9, 1.1]],
    ["all zeros (an error rate): no negative axis", [0, 0], [], [0, 1]],
    ["negative values keep their side", [-2, 3], [], [-3, 4]],
    ["Flagger success rate in percent", [99.7, 96.2, 99.4], [line(99)], [95, 101]],
    ["nothing at all", [], [], [0, 1]],
  ])("%s", (_name, values, lines, expected) => {
    const scale = yScale(values, lines);
    expect(scale.domain).toEqual(expected);
    expect(scale.ticks[0]).toBe(expected[0]);
    expect(scale.ticks[scale.ticks.length - 1]).toBe(expected[1]);
  });
});
