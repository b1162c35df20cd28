import { describe, expect, it } from "vitest";
import { findMetricSeries, nearestValue, type Samples, samplePoints, seriesPoints } from "./metric-series";

const argo = [
  { name: "success-rate", run: "myapp-55bdff45cb-3" },
  { name: "success-rate", run: "myapp-55bdff45cb-2" },
  { name: "latency-p99", run: "myapp-55bdff45cb-2" },
];
const flagger = [{ name: "request-success-rate" }, { name: "request-duration" }];

describe("findMetricSeries", () => {
  it.each<[string, Array<{ name: string; run?: string }>, string, string | undefined, unknown]>([
    ["Argo: same run and name", argo, "success-rate", "myapp-55bdff45cb-2", argo[1]],
    ["Argo: a run Prometheus was not asked about", argo, "success-rate", "myapp-55bdff45cb-1", undefined],
    ["Argo: another metric of the run", argo, "latency-p99", "myapp-55bdff45cb-2", argo[2]],
    ["Flagger: by name, no run", flagger, "request-duration", undefined, flagger[1]],
    ["Flagger name never matches an Argo run's series", argo, "success-rate", undefined, undefined],
  ])("%s", (_name, metrics, name, run, expected) => {
    expect(findMetricSeries(metrics, name, run)).toBe(expected);
  });

  it("answers undefined before metrics.series has loaded", () => {
    expect(findMetricSeries(undefined, "success-rate")).toBeUndefined();
  });
});

describe("samplePoints", () => {
  it("converts seconds to ms and drops NaN (no requests) and infinities", () => {
    const t0 = 1670472532;
    const samples: Samples = [
      [t0, Number.NaN],
      [t0 + 15, 19.6],
      [t0 + 30, Number.POSITIVE_INFINITY],
    ];
    expect(samplePoints(samples)).toEqual([{ t: (t0 + 15) * 1000, value: 19.6 }]);
    expect(samplePoints(undefined)).toEqual([]);
  });
});

describe("seriesPoints", () => {
  it.each([
    ["no result", undefined, { points: [] }],
    [
      "a failed query",
      { ok: false as const, error: "execution: query timed out" },
      { points: [], error: "execution: query timed out" },
    ],
    [
      "samples in seconds, NaN dropped",
      {
        ok: true as const,
        value: [
          [1670472532, 0.991],
          [1670472552.5, Number.NaN],
          [1670472572, 0.987],
        ] as Array<[number, number]>,
      },
      {
        points: [
          { t: 1670472532000, value: 0.991 },
          { t: 1670472572000, value: 0.987 },
        ],
      },
    ],
  ])("%s", (_name, result, expected) => {
    expect(seriesPoints(result)).toEqual(expected);
  });
});

describe("nearestValue", () => {
  const stable = [
    { t: 1000, value: 0.99 },
    { t: 21000, value: 0.98 },
    { t: 41000, value: 0.97 },
  ];
  it.each<[string, number, number, number | undefined]>([
    ["exact time", 21000, 10000, 0.98],
    ["closest within tolerance", 29000, 10000, 0.98],
    ["closest on the other side", 33000, 10000, 0.97],
    ["too far from every sample", 60000, 10000, undefined],
  ])("%s", (_name, t, tolerance, expected) => {
    expect(nearestValue(stable, t, tolerance)).toBe(expected);
  });
  it("is undefined without samples", () => expect(nearestValue([], 0, 1000)).toBeUndefined());
});
