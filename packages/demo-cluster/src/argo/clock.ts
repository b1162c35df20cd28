// The time the simulated controllers read. DemoClock satisfies it; tests use ManualClock so every
// pause, interval and readiness delay is decided by the test, never by wall-clock speed.
import type { DemoClock } from "../demo-clock";

export type SimClock = Pick<DemoClock, "nowMs" | "timestamp">;

/** RFC 3339 without fractions, as Kubernetes writes metav1.Time. */
export function formatTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Epoch ms of a Kubernetes timestamp; undefined when absent or unreadable. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
