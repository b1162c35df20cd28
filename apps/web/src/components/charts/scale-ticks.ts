// Readable axis ticks: time ticks on round clock steps, and value domains on round numbers, so the
// axes read 10:15:00, 10:20:00… and 0.5, 0.6… instead of wherever the data happened to start.

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const TIME_STEPS = [
  S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  30 * S,
  M,
  2 * M,
  5 * M,
  10 * M,
  15 * M,
  30 * M,
  H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  24 * H,
];

/** Ticks between start and end on the largest round step that gives at most `maxTicks`, in local time. */
export function timeTicks(start: number, end: number, maxTicks = 7): number[] {
  if (!(end > start)) return [start];
  const span = end - start;
  const step = TIME_STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / (24 * H)) * 24 * H;
  // Round in local clock time, so hour steps land on the viewer's hours.
  const offset = new Date(start).getTimezoneOffset() * M;
  const ticks: number[] = [];
  for (let t = Math.ceil((start - offset) / step) * step + offset; t <= end; t += step) ticks.push(t);
  return ticks;
}

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
