// Evaluates parsed PromQL against the mesh's counters at the end of a given second, with
// Prometheus' semantics for the parts it supports (one-to-one vector matching, filter comparisons,
// `unless`, bucketQuantile's interpolation).
import { type FloatOperator, floatArithmetic } from "@rollscope/shared/analysis/expression-runtime";
import type { Matcher, Node, Sample, Value } from "./promql-parse";
import { DURATION_BUCKETS, type SeriesStore } from "./series-store";

function matches(labels: Record<string, string>, m: Matcher): boolean {
  const value = labels[m.label] ?? "";
  if (m.op === "=") return value === m.value;
  if (m.op === "!=") return value !== m.value;
  const re = new RegExp(`^(?:${m.value})$`);
  return m.op === "=~" ? re.test(value) : !re.test(value);
}

const groupKey = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort());

/** Prometheus' bucketQuantile: linear interpolation inside the bucket that holds the rank. */
function bucketQuantile(q: number, buckets: Array<{ le: number; count: number }>): number {
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (sorted.length < 2 || total === 0) return Number.NaN;
  const rank = q * total;
  let i = sorted.findIndex((b) => b.count >= rank);
  if (i < 0) i = sorted.length - 1;
  const b = sorted[i] as { le: number; count: number };
  if (b.le === Number.POSITIVE_INFINITY) return sorted[sorted.length - 2]?.le ?? Number.NaN;
  const lowerBound = i === 0 ? 0 : (sorted[i - 1]?.le ?? 0);
  const lowerCount = i === 0 ? 0 : (sorted[i - 1]?.count ?? 0);
  const inBucket = b.count - lowerCount;
  if (inBucket === 0) return b.le;
  return lowerBound + (b.le - lowerBound) * ((rank - lowerCount) / inBucket);
}

/** Evaluates a parsed query at the end of `second` against the mesh's counters. */
export function evaluate(node: Node, series: SeriesStore, second: number): Value {
  const ev = (n: Node): Value => evaluate(n, series, second);
  switch (node.t) {
    case "num":
      return { kind: "scalar", value: node.value };
    case "neg":
      return binary("*", { kind: "scalar", value: -1 }, ev(node.arg));
    case "bin":
      return binary(node.op, ev(node.left), ev(node.right));
    case "range": {
      const samples: Sample[] = [];
      for (const stream of series.all()) {
        if (!node.matchers.every((m) => m.label === "le" || matches(stream.labels, m))) continue;
        const inc = series.increase(stream, second - node.seconds, second);
        const per = node.fn === "increase" ? 1 : 1 / node.seconds;
        if (node.metric === "istio_request_duration_milliseconds_bucket") {
          const les = [
            ...DURATION_BUCKETS.map((le, i) => [le, inc.buckets[i] ?? 0] as const),
            [Number.POSITIVE_INFINITY, inc.count] as const,
          ];
          for (const [le, count] of les) {
            const labels = { ...stream.labels, le: le === Number.POSITIVE_INFINITY ? "+Inf" : String(le) };
            if (node.matchers.every((m) => m.label !== "le" || matches(labels, m)))
              samples.push({ labels, value: count * per });
          }
        } else {
          const value = node.metric.endsWith("_sum") ? inc.sumMs : inc.count;
          samples.push({ labels: stream.labels, value: value * per });
        }
      }
      return { kind: "vector", samples };
    }
    case "sum": {
      const arg = ev(node.arg);
      if (arg.kind === "scalar") throw new Error("sum() needs a vector");
      const groups = new Map<string, Sample>();
      for (const s of arg.samples) {
        const labels = Object.fromEntries(
          (node.by ?? []).flatMap((l) => (s.labels[l] !== undefined ? [[l, s.labels[l]]] : [])),
        );
        const key = groupKey(labels);
        const g = groups.get(key);
        if (g) g.value += s.value;
        else groups.set(key, { labels, value: s.value });
      }
      return { kind: "vector", samples: [...groups.values()] };
    }
    case "hq": {
      const q = ev(node.q);
      const arg = ev(node.arg);
      if (q.kind !== "scalar" || arg.kind !== "vector")
        throw new Error("histogram_quantile(scalar, vector) expected");
      const groups = new Map<
        string,
        { labels: Record<string, string>; buckets: Array<{ le: number; count: number }> }
      >();
      for (const s of arg.samples) {
        const le = s.labels.le;
        if (le === undefined) continue;
        const { le: _le, ...rest } = s.labels;
        const key = groupKey(rest);
        const g = groups.get(key) ?? { labels: rest, buckets: [] };
        g.buckets.push({ le: le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le), count: s.value });
        groups.set(key, g);
      }
      return {
        kind: "vector",
        samples: [...groups.values()].map((g) => ({
          labels: g.labels,
          value: bucketQuantile(q.value, g.buckets),
        })),
      };
    }
  }
}

// The parser gives binary() only +, -, *, / besides comparisons and `unless`.
function arith(op: string, a: number, b: number): number {
  return floatArithmetic(op as FloatOperator, a, b);
}

function compare(op: string, a: number, b: number): boolean {
  return op === "=="
    ? a === b
    : op === "!="
      ? a !== b
      : op === ">"
        ? a > b
        : op === "<"
          ? a < b
          : op === ">="
            ? a >= b
            : a <= b;
}

function binary(op: string, left: Value, right: Value): Value {
  const isCompare = ["==", "!=", ">", "<", ">=", "<="].includes(op);
  if (op === "unless") {
    if (left.kind !== "vector" || right.kind !== "vector") throw new Error("unless needs vectors");
    const drop = new Set(right.samples.map((s) => groupKey(s.labels)));
    return { kind: "vector", samples: left.samples.filter((s) => !drop.has(groupKey(s.labels))) };
  }
  if (left.kind === "scalar" && right.kind === "scalar") {
    if (isCompare) throw new Error("comparisons between scalars need the bool modifier");
    return { kind: "scalar", value: arith(op, left.value, right.value) };
  }
  if (left.kind === "vector" && right.kind === "vector") {
    // One-to-one matching on identical label sets.
    const byKey = new Map(right.samples.map((s) => [groupKey(s.labels), s]));
    const samples = left.samples.flatMap((l) => {
      const r = byKey.get(groupKey(l.labels));
      if (!r) return [];
      if (isCompare) return compare(op, l.value, r.value) ? [l] : [];
      return [{ labels: l.labels, value: arith(op, l.value, r.value) }];
    });
    return { kind: "vector", samples };
  }
  const vector = (left.kind === "vector" ? left : right) as { samples: Sample[] };
  const scalar = (left.kind === "scalar" ? left : right) as { value: number };
  const samples = vector.samples.flatMap((s) => {
    const [a, b] = left.kind === "vector" ? [s.value, scalar.value] : [scalar.value, s.value];
    if (isCompare) return compare(op, a, b) ? [s] : [];
    return [{ labels: s.labels, value: arith(op, a, b) }];
  });
  return { kind: "vector", samples };
}
