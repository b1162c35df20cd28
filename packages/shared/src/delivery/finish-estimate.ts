// When a delivery will finish, when that can be known: the remaining timed pauses of an Argo canary, or
// the remaining Flagger checks at its interval. An indefinite pause or a gate means it waits for a person.
import type { Delivery } from "./delivery";
import type { TimelineItem } from "./timeline";

export type FinishEstimate =
  | { kind: "done" }
  | { kind: "known"; seconds: number; at: string; lowerBound: boolean }
  | { kind: "waits"; reason: string }
  | { kind: "unknown"; reason: string };

function remainingSeconds(
  item: TimelineItem,
  now: number,
  intervalSeconds: number | undefined,
): number | "person" | undefined {
  switch (item.type) {
    case "pause":
      if (item.durationSeconds === undefined) return "person";
      if (item.state === "current" && item.endsAt) return Math.max(0, (Date.parse(item.endsAt) - now) / 1000);
      return item.durationSeconds;
    case "gate":
      return "person";
    case "experiment":
      return item.durationSeconds;
    case "analysis":
      return undefined;
    case "trafficStep":
    case "iteration":
      // The current weight is already set; each later one takes one check interval.
      return item.state === "current" ? 0 : (intervalSeconds ?? undefined);
    case "promotion":
      return intervalSeconds ?? undefined;
    default:
      return 0;
  }
}

export function estimateFinish(d: Delivery, nowMs: number, flaggerIntervalSeconds?: number): FinishEstimate {
  const remaining = d.timeline.filter((t) => t.state !== "done");
  if (d.phase === "healthy" && remaining.length === 0) return { kind: "done" };
  if (d.aborted || d.phase === "degraded")
    return { kind: "unknown", reason: "the delivery is aborted or failed" };
  let seconds = 0;
  let lowerBound = false;
  for (const item of remaining) {
    const part = remainingSeconds(
      item,
      nowMs,
      d.controller === "flagger" ? flaggerIntervalSeconds : undefined,
    );
    if (part === "person") {
      // Steps counted as the header and `kubectl argo rollouts get` count them: index/total.
      const total = d.step?.total ?? d.timeline.length;
      const what =
        item.type === "gate" ? `the ${item.gate} gate` : `the pause at step ${item.index}/${total}`;
      return { kind: "waits", reason: `waits for a person at ${what}` };
    }
    if (part === undefined) lowerBound = true;
    else seconds += part;
  }
  if (remaining.length === 0) return { kind: "unknown", reason: "waiting for the controller" };
  return { kind: "known", seconds, at: new Date(nowMs + seconds * 1000).toISOString(), lowerBound };
}
