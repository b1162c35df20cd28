// Time and percentage formatting shared by the charts, their tooltips and their tables (measured
// values: formatValue in @rollscope/shared).
import { formatSeconds } from "@rollscope/shared/time/go-duration";

const pad = (n: number) => String(n).padStart(2, "0");

/** HH:MM:SS in the viewer's time zone (24h, the same everywhere, unlike toLocaleTimeString). */
export function formatClock(t: number): string {
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Full local date and time, for titles and tables where the day matters. */
export function formatDateTime(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(t)}`;
}

/** A percentage with one decimal at most: 19.6%, 20%. */
export function formatPercent(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return "—";
  return `${Number(v.toFixed(1))}%`;
}

/** Milliseconds from an RFC3339 time, or undefined when absent or unreadable. */
export function parseTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** A duration the way a person says it: 45s, 2m 30s, 1h 5m. */
export function formatDuration(ms: number): string {
  return formatSeconds(ms / 1000, { separator: " " });
}
