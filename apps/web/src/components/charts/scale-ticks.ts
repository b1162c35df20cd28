// Readable time axes: ticks on round clock steps in the viewer's time zone, so the axis reads
// 10:15:00, 10:20:00… instead of wherever the data happened to start (value axes: value-scale in
// @rollscope/shared).

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
