import type { Samples } from "@rollscope/shared/analysis/metric-series";
import { describe, expect, it } from "vitest";
import { isolate } from "../../lib/bidi-isolate";
import { formatDateTime } from "./format";
import {
  type HistoryInput,
  HOUR_MS,
  LEAD_IN_MS,
  lifeLabel,
  lifeWindow,
  MIN_SPAN_MS,
  revisionStart,
  trafficNote,
  weightMarkers,
  weightRows,
  weightSummary,
  weightWindow,
} from "./weight-chart-data";

// myapp (argo-istio-myapp seed): revision 2 (55bdff45cb) set to 20%, paused for a person, then promoted.
const t0 = Date.UTC(2022, 11, 8, 4, 7, 52);
const s = (seconds: number) => t0 + seconds * 1000;
const point = (seconds: number, setWeight: number, extra: Partial<HistoryInput> = {}): HistoryInput => ({
  t: s(seconds),
  setWeight,
  actualWeight: setWeight,
  phase: "Progressing",
  markers: [],
  ...extra,
});
const history: HistoryInput[] = [
  point(-7200, 100, { phase: "Healthy", revision: "6f8c9d7b5", step: "8/8" }),
  point(0, 0, {
    revision: "55bdff45cb",
    step: "0/8",
    markers: [{ kind: "revision", label: "New revision" }],
  }),
  point(5, 20, {
    revision: "55bdff45cb",
    step: "1/8",
    markers: [
      { kind: "step", label: "Step 1/8" },
      { kind: "analysis", label: "Analysis myapp-55bdff45cb-2" },
    ],
  }),
  point(10, 20, {
    phase: "Paused",
    revision: "55bdff45cb",
    step: "2/8",
    markers: [{ kind: "pause", label: "CanaryPauseStep" }],
  }),
  point(300, 20, { revision: "55bdff45cb", markers: [{ kind: "action", label: "promote by alice" }] }),
  point(301, 40, {
    revision: "55bdff45cb",
    step: "3/8",
    markers: [
      { kind: "resume", label: "Resumed" },
      { kind: "resume", label: "Resumed" },
    ],
  }),
];
const now = s(360);

describe("revisionStart", () => {
  it.each<[string, HistoryInput[], number | undefined]>([
    ["no history", [], undefined],
    ["the first point of the newest revision", history, s(0)],
    ["points without a revision continue it", [...history, point(330, 40)], s(0)],
    ["a single revision starts at its first point", history.slice(1), s(0)],
  ])("%s", (_name, points, expected) => {
    expect(revisionStart(points)).toBe(expected);
  });
});

describe("weightWindow", () => {
  const long = [point((-3 * HOUR_MS) / 1000, 0, { revision: "a" }), point(0, 20, { revision: "a" })];
  it.each<[string, HistoryInput[], number[], boolean, number]>([
    // Revision 55bdff45cb began at s(0), 360 s ago: 5% of that (18 s) before it.
    ["the current revision when it is shorter than an hour", history, [], false, s(-18)],
    ["the last hour when the revision is older", long, [], false, now - HOUR_MS],
    ["everything with show all", history, [], true, s(-7200)],
    ["an earlier Prometheus sample with show all", history, [s(-9000)], true, s(-9000)],
    ["at least a minute", [point(355, 20, { revision: "b" })], [], false, now - MIN_SPAN_MS],
    [
      "ten seconds before a revision that began 100 s ago",
      [point(260, 20, { revision: "b" })],
      [],
      false,
      s(250),
    ],
    ["the last hour without history", [], [], false, now - HOUR_MS],
  ])("%s", (_name, points, samples, all, start) => {
    expect(weightWindow(points, samples, now, all)).toEqual({ start, end: now });
  });
});

describe("weightRows", () => {
  const window = { start: s(0), end: now };
  it("is a step line extended to now with the live weight, observed samples aligned to it", () => {
    const samples: Samples = [
      [s(-60) / 1000, 0],
      [s(15) / 1000, 19.2],
      [s(315) / 1000, 38.7],
    ];
    const rows = weightRows(history, { setWeight: 40, actualWeight: 40 }, samples, window);
    expect(rows).toEqual([
      { t: s(0), desired: 0, actual: 0, markers: ["New revision"] },
      { t: s(5), desired: 20, actual: 20, markers: ["Step 1/8", "Analysis myapp-55bdff45cb-2"] },
      { t: s(10), desired: 20, actual: 20, markers: ["CanaryPauseStep"] },
      { t: s(15), desired: 20, actual: 20, observed: 19.2 },
      { t: s(300), desired: 20, actual: 20, markers: ["promote by alice"] },
      { t: s(301), desired: 40, actual: 40, markers: ["Resumed"] },
      { t: s(315), desired: 40, actual: 40, observed: 38.7 },
      { t: now, desired: 40, actual: 40 },
    ]);
  });

  it("enters from the left with the weight in force at the window start", () => {
    const rows = weightRows(history, undefined, undefined, { start: s(100), end: now });
    expect(rows[0]).toEqual({ t: s(100), desired: 20, actual: 20 });
    expect(rows[rows.length - 1]).toEqual({ t: now, desired: 40, actual: 40 });
  });

  it("leaves the desired weight out before anything was recorded", () => {
    const rows = weightRows([], { setWeight: 10, actualWeight: 10 }, [[s(30) / 1000, 9.5]], window);
    expect(rows).toEqual([
      { t: s(30), observed: 9.5 },
      { t: now, desired: 10, actual: 10 },
    ]);
  });
});

describe("weightMarkers", () => {
  it("keeps markers inside the window, once each, stacking those too close to tell apart", () => {
    expect(weightMarkers(history, { start: s(5), end: now })).toEqual([
      { t: s(5), kind: "step", label: "Step 1/8", stack: 0 },
      { t: s(5), kind: "analysis", label: "Analysis myapp-55bdff45cb-2", stack: 1 },
      { t: s(10), kind: "pause", label: "CanaryPauseStep", stack: 2 },
      { t: s(300), kind: "action", label: "promote by alice", stack: 0 },
      { t: s(301), kind: "resume", label: "Resumed", stack: 1 },
    ]);
    expect(weightMarkers(history, { start: s(5), end: now }, 0).map((m) => m.stack)).toEqual([0, 1, 0, 0, 0]);
  });
});

describe("trafficNote", () => {
  const ok = { available: true as const, url: "http://prometheus:9090" };
  it.each<[string, Parameters<typeof trafficNote>[0], string | undefined, string | undefined]>([
    ["still loading", undefined, undefined, undefined],
    [
      "a request error",
      undefined,
      "Failed to fetch",
      `Observed traffic could not be loaded: ${isolate("Failed to fetch")}`,
    ],
    [
      "no Prometheus",
      { prometheus: { available: false, reason: "No Prometheus is configured for cluster demo" } },
      undefined,
      `Observed traffic is not shown: ${isolate("No Prometheus is configured for cluster demo")}`,
    ],
    [
      "no services to compare",
      { prometheus: ok },
      undefined,
      "Observed traffic is not shown: this delivery has no canary and stable services to compare.",
    ],
    [
      "a failed query",
      { prometheus: ok, traffic: { canaryShare: { ok: false, error: "bad_data: parse error" } } },
      undefined,
      `Observed traffic query failed: ${isolate("bad_data: parse error")}`,
    ],
    [
      "only NaN samples",
      { prometheus: ok, traffic: { canaryShare: { ok: true, value: [[1670472472, Number.NaN]] } } },
      undefined,
      "Prometheus has no request samples for this delivery in the last hour: is traffic reaching it?",
    ],
    [
      "samples",
      { prometheus: ok, traffic: { canaryShare: { ok: true, value: [[1670472472, 20]] } } },
      undefined,
      undefined,
    ],
  ])("%s", (_name, series, error, expected) => {
    expect(trafficNote(series, error)).toBe(expected);
  });
});

describe("weightSummary", () => {
  it("says the weight now, how often it changed, the observed share and the markers", () => {
    const window = { start: s(0), end: now };
    const rows = weightRows(history, { setWeight: 40, actualWeight: 40 }, [[s(315) / 1000, 38.7]], window);
    const text = weightSummary(rows, weightMarkers(history, window), window);
    expect(text).toMatch(
      /^Desired canary weight 40% now, 2 changes since \d\d:\d\d:\d\d; observed share 38.7% at \d\d:\d\d:\d\d; 6 markers\.$/,
    );
    expect(weightSummary([], [], window)).toMatch(/^No weight recorded since \d\d:\d\d:\d\d\.$/);
  });
});

describe("earlier objects with the same name", () => {
  const from = Date.UTC(2026, 0, 2, 10, 0, 0);
  const to = from + 3 * HOUR_MS;

  it("labels a life by its dates and points, and says when it was imported", () => {
    expect(lifeLabel({ uid: "u-1", from, to, points: 12 })).toBe(
      `${formatDateTime(from)} – ${formatDateTime(to)} (12 points)`,
    );
    expect(lifeLabel({ uid: "legacy:kind/Rollout/default/myapp", from, to: from, points: 1 })).toBe(
      `${formatDateTime(from)} – ${formatDateTime(from)} (1 point, imported from the previous version)`,
    );
  });

  it("draws all of a life with a little room either side, never narrower than the minimum", () => {
    expect(lifeWindow({ from, to })).toEqual({ start: from - LEAD_IN_MS, end: to + LEAD_IN_MS });
    const single = lifeWindow({ from, to: from });
    expect(single.end - single.start).toBe(MIN_SPAN_MS);
    expect(single.end).toBe(from + LEAD_IN_MS);
  });

  it("ends an earlier life's line at its last point, not at the live weight", () => {
    const points: HistoryInput[] = [
      { t: from, setWeight: 20, actualWeight: 20, phase: "Paused", markers: [] },
      { t: to, setWeight: 60, actualWeight: 60, phase: "Paused", markers: [] },
    ];
    const rows = weightRows(points, undefined, undefined, lifeWindow({ from, to }));
    expect(rows[rows.length - 1]).toMatchObject({ t: to + LEAD_IN_MS, desired: 60 });
  });
});
