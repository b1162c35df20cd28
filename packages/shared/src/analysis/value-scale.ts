// A metric chart's y axis on round numbers: 0.5, 0.6… instead of wherever the data happened to start.
import type { ThresholdLine } from "./threshold-lines";

/** 1, 2, 2.5 or 5 times a power of ten: the round step nearest above `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power;
}

const clean = (v: number) => Number(v.toPrecision(12));

/** [lo, hi] widened to round steps (about `intervals` of them), with the ticks on those steps. */
export function niceScale(
  lo: number,
  hi: number,
  intervals = 5,
): { domain: [number, number]; ticks: number[] } {
  const step = niceStep((hi - lo) / intervals);
  const first = Math.floor(clean(lo / step));
  const last = Math.ceil(clean(hi / step));
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(clean(i * step));
  return { domain: [clean(first * step), clean(last * step)], ticks };
}

/** A round domain holding every value and every threshold, padded so nothing sits on the frame. */
export function yScale(
  values: readonly number[],
  lines: readonly ThresholdLine[],
): { domain: [number, number]; ticks: number[] } {
  const all = [...values, ...lines.map((l) => l.value)].filter(Number.isFinite);
  if (all.length === 0) return niceScale(0, 1);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = hi > lo ? (hi - lo) * 0.1 : Math.abs(hi) * 0.1 || 1;
  // Values that cannot be negative (rates, ratios, latencies) should not show a negative axis.
  return niceScale(lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad, 6);
}
