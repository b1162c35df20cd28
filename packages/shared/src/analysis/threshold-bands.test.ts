import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { flaggerCanary } from "../testing/builders";
import { loadFixtureDocs, sharedFixturesDir } from "../testing/fixtures";
import { requiredConditions } from "./required-conditions.fixture";
import { bandOutcomeAt, type ThresholdBand, thresholdBands } from "./threshold-bands";
import {
  classifyAgainstThresholds,
  flaggerMetricThresholds,
  linesForField,
  type ThresholdLine,
  type ThresholdResult,
} from "./threshold-lines";
import { conditionThresholds } from "./thresholds";
import { upstreamConditions } from "./upstream-conditions.fixture";

function lines(condition: string, kind: "success" | "failure"): ThresholdLine[] {
  const r = conditionThresholds(condition, kind);
  if (!r.drawable) throw new Error(r.reason);
  return r.lines;
}

type Ends = "[]" | "[)" | "(]" | "()";
const band = (outcome: ThresholdBand["outcome"], from: number, to: number, ends: Ends): ThresholdBand => ({
  from,
  to,
  includesFrom: ends[0] === "[",
  includesTo: ends[1] === "]",
  outcome,
});

describe("thresholdBands", () => {
  it.each<[string, ThresholdLine[], [number, number], ThresholdBand[]]>([
    [
      "success only: below fails, the line itself too with > (seed myapp)",
      lines("len(result) == 0 || result[0] > 0.90", "success"),
      [0.5, 1.1],
      [band("fail", 0.5, 0.9, "[]"), band("pass", 0.9, 1.1, "(]")],
    ],
    [
      "failure only: from the line up fails",
      lines("result[0] >= 0.05", "failure"),
      [0, 0.1],
      [band("pass", 0, 0.05, "[)"), band("fail", 0.05, 0.1, "[]")],
    ],
    [
      "a success band: both sides fail",
      lines("result[0] >= 0.95 && result[0] <= 1", "success"),
      [0.9, 1.05],
      [band("fail", 0.9, 0.95, "[)"), band("pass", 0.95, 1, "[]"), band("fail", 1, 1.05, "(]")],
    ],
    [
      "success and failure: the gap is inconclusive",
      [...lines("result[0] >= 0.90", "success"), ...lines("result[0] < 0.50", "failure")],
      [0, 1],
      [band("fail", 0, 0.5, "[)"), band("unknown", 0.5, 0.9, "[)"), band("pass", 0.9, 1, "[]")],
    ],
    [
      "failure when any holds: both ends fail",
      lines("result[0] > 0.1 || result[0] < 0", "failure"),
      [-0.5, 0.5],
      [band("fail", -0.5, 0, "[)"), band("pass", 0, 0.1, "[]"), band("fail", 0.1, 0.5, "(]")],
    ],
    [
      "a line above the domain: everything fails",
      lines("result[0] >= 2", "success"),
      [0, 1],
      [band("fail", 0, 1, "[]")],
    ],
    [
      "== passes at single points, everything between fails",
      lines("result in [200, 201]", "success"),
      [150, 250],
      [
        band("fail", 150, 200, "[)"),
        band("pass", 200, 200, "[]"),
        band("fail", 200, 201, "()"),
        band("pass", 201, 201, "[]"),
        band("fail", 201, 250, "(]"),
      ],
    ],
    [
      "Flagger min 99%",
      flaggerLines({ name: "request-success-rate", threshold: 99 }),
      [95, 100],
      [band("fail", 95, 99, "[)"), band("pass", 99, 100, "[]")],
    ],
    ["no lines", [], [0, 1], []],
  ])("%s", (_name, given, domain, expected) => {
    expect(thresholdBands(given, domain)).toEqual(expected);
  });
});

// --- Bands and points never disagree ---------------------------------------------------------------

function flaggerLines(metric: Parameters<typeof flaggerMetricThresholds>[0]): ThresholdLine[] {
  const r = flaggerMetricThresholds(metric);
  return r.drawable ? r.lines : [];
}

interface Judged {
  what: string;
  lines: ThresholdLine[];
}

const drawable = (r: ThresholdResult) => (r.drawable ? r.lines : []);

function argoMetric(what: string, metric: { successCondition?: string; failureCondition?: string }): Judged {
  return {
    what,
    lines: [
      ...drawable(conditionThresholds(metric.successCondition, "success")),
      ...drawable(conditionThresholds(metric.failureCondition, "failure")),
    ],
  };
}

/** Every metric of every AnalysisTemplate, AnalysisRun and Canary in ../shared/fixtures (CRDs aside). */
function fixtureMetrics(): Judged[] {
  if (!sharedFixturesDir) return [];
  const root = sharedFixturesDir;
  const yamlUnder = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) return yamlUnder(full);
      return /\.ya?ml$/.test(entry) && !/crd/i.test(entry) ? [full] : [];
    });
  return yamlUnder(root).flatMap((file) =>
    loadFixtureDocs(relative(root, file)).flatMap((doc) => {
      const o = doc as {
        kind?: string;
        metadata?: { name?: string };
        spec?: {
          metrics?: Array<{ name: string; successCondition?: string; failureCondition?: string }>;
          analysis?: { metrics?: Array<Parameters<typeof flaggerMetricThresholds>[0]> };
        };
      };
      const where = `${relative(root, file)} ${o.kind}/${o.metadata?.name}`;
      if (o.kind === "Canary")
        return (o.spec?.analysis?.metrics ?? []).map((m) => ({
          what: `${where} ${m.name}`,
          lines: flaggerLines(m),
        }));
      if (o.kind === "AnalysisTemplate" || o.kind === "ClusterAnalysisTemplate" || o.kind === "AnalysisRun")
        return (o.spec?.metrics ?? []).map((m) => argoMetric(`${where} ${m.name}`, m));
      return [];
    }),
  );
}

const ownConditions: Array<[success?: string, failure?: string]> = [
  ["result > 0.9"],
  ["result >= 0.9"],
  ["result < 500"],
  ["result <= 500"],
  ["result == 1"],
  ["result != 0"],
  [undefined, "result > 5"],
  [undefined, "result >= 5"],
  [undefined, "result < 0.5"],
  [undefined, "result <= 0.5"],
  [undefined, "result == 0"],
  [undefined, "result != 1"],
  ["result[0] >= 0.95 && result[0] <= 1"],
  ["result[0] > 0.95 && result[0] < 1"],
  ["result[0] < 0.1 || result[0] > 0.9"],
  ["result[0] <= 0.1 || result[0] >= 0.9"],
  ["result[0] == 0 || result[0] == 1"],
  ["result[0] != 0 && result[0] != 1"],
  ["len(result) == 0 || result[0] > 0.90"],
  ["len(result) > 0 && result[0] >= 0.99"],
  ["result in [200, 201, 204]"],
  ["result not in [500, 503]"],
  ["!(result[0] < 0.9)"],
  ["0.9 <= result[0]"],
  ["result >= -1 && result <= -0.5"],
  ["result[0] >= 0.90", "result[0] < 0.50"],
  ["result[0] > 0.90", "result[0] <= 0.50"],
  ["result[0] >= 0.5", "result[0] >= 0.9"],
  ["result[0] <= 0.95", "result[0] > 0.95"],
  ["result[0] == 1", "result[0] == 0"],
  ["result[0] >= 0.9 && result[0] <= 1", "result[0] < 0.5 || result[0] > 1.5"],
  ["result.p99 <= 300", "result.p99 > 1000"],
  ["result.p50 < 100 && result.p99 < 300"],
  ["all(result, {# > 0.9})"],
  ["any(result, {# >= 0.5})", "none(result, {# > 0})"],
  ["asInt(result) >= 1"],
  ["default(result, 0) < 5"],
];

const ownMetrics = ownConditions.map(([successCondition, failureCondition]) =>
  argoMetric(`own: ${successCondition ?? "-"} / ${failureCondition ?? "-"}`, {
    ...(successCondition ? { successCondition } : {}),
    ...(failureCondition ? { failureCondition } : {}),
  }),
);

const judged: Judged[] = [
  ...fixtureMetrics(),
  ...[...upstreamConditions, ...requiredConditions].map((c) => ({
    what: `${c.source}: ${c.kind} ${c.condition}`,
    lines: drawable(c.thresholds),
  })),
  ...ownMetrics,
  ...[
    flaggerCanary().spec.analysis?.metrics ?? [],
    [{ name: "error-rate", thresholdRange: { max: 1 } }],
    [{ name: "latency", thresholdRange: { min: 10, max: 500 } }],
    [{ name: "request-duration", threshold: 500 }],
  ]
    .flat()
    .map((m) => ({ what: `Flagger ${m.name} ${JSON.stringify(m)}`, lines: flaggerLines(m) })),
].filter((j) => j.lines.length > 0);

// Neighbouring doubles, so an end that is open or closed by one ulp is seen.
function nextAfter(x: number, up: boolean): number {
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  const step = x > 0 === up ? 1n : -1n;
  bits[0] = (bits[0] ?? 0n) + step;
  return new Float64Array(bits.buffer)[0] ?? x;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The y domains a chart may show: around every line, below them, above them, and cut at one. */
function domainsFor(values: number[]): Array<[number, number]> {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * 0.5 : Math.abs(hi) * 0.5 || 1;
  return [
    [lo - pad, hi + pad],
    [lo - 3 * pad, lo - pad],
    [hi + pad, hi + 3 * pad],
    [lo, hi + pad],
    [lo - pad, hi],
  ];
}

function samples(values: number[], [lo, hi]: [number, number], random: () => number): number[] {
  const near = values.flatMap((v) => [v, nextAfter(v, true), nextAfter(v, false), v + 1e-9, v - 1e-9]);
  const sorted = [...new Set([lo, hi, ...values])].sort((a, b) => a - b);
  const between = sorted.slice(1).map((v, i) => ((sorted[i] ?? v) + v) / 2);
  const spread = Array.from({ length: 50 }, () => lo + (hi - lo) * random());
  return [lo, hi, ...near, ...between, ...spread].filter((v) => v >= lo && v <= hi);
}

function expectTiling(bands: ThresholdBand[], [lo, hi]: [number, number]) {
  expect(bands[0]).toMatchObject({ from: lo, includesFrom: true });
  expect(bands.at(-1)).toMatchObject({ to: hi, includesTo: true });
  for (let i = 1; i < bands.length; i++) {
    const [before, after] = [bands[i - 1] as ThresholdBand, bands[i] as ThresholdBand];
    // Touching, and the shared end belongs to exactly one of them.
    expect(after.from).toBe(before.to);
    expect(before.includesTo).not.toBe(after.includesFrom);
  }
}

describe("a point's outcome and the band it lies in", () => {
  it("covers real conditions from the fixtures and from upstream, and conditions of every shape", () => {
    expect(ownMetrics.filter((m) => m.lines.length === 0).map((m) => m.what)).toEqual([]);
    expect(judged.length).toBeGreaterThan(60);
    if (sharedFixturesDir) expect(judged.some((j) => j.what.startsWith("seeds/"))).toBe(true);
  });

  it.each(judged.map((j) => [j.what, j] as const))("never disagree: %s", (_what, { lines: all }) => {
    const random = seededRandom(12);
    const fields = [...new Set(all.map((l) => l.field ?? "0"))];
    for (const field of fields) {
      const { drawn } = linesForField(all, field === "0" ? undefined : field);
      const values = drawn.map((l) => l.value);
      for (const domain of domainsFor(values)) {
        const bands = thresholdBands(drawn, domain);
        expectTiling(bands, domain);
        for (const value of samples(values, domain, random)) {
          expect({ value, outcome: bandOutcomeAt(bands, value) }).toEqual({
            value,
            outcome: classifyAgainstThresholds(value, drawn),
          });
        }
      }
    }
  });
});
