// When each timeline step started, from the recorded history: the first time the delivery reached it
// within the current revision.
import type { Delivery, TimelineItem } from "@rollscope/shared";

export interface HistoryLike {
  t: number;
  step?: string | undefined;
  setWeight: number;
  revision?: string | undefined;
}

export function stepStartTimes(d: Delivery, history: HistoryLike[]): Map<number, number> {
  const revision = d.observed.podHash ?? d.observed.lastAppliedSpec;
  const current = history.filter((p) => !revision || !p.revision || p.revision === revision);
  const starts = new Map<number, number>();
  for (const item of d.timeline) {
    const t = startOf(item, d, current);
    if (t !== undefined) starts.set(item.index, t);
  }
  return starts;
}

function startOf(item: TimelineItem, d: Delivery, history: HistoryLike[]): number | undefined {
  if (d.controller === "argo" && d.step) {
    const key = `${item.index}/${d.step.total}`;
    return history.find((p) => p.step === key)?.t;
  }
  if (item.type === "trafficStep") return history.find((p) => p.setWeight === item.weight)?.t;
  if (item.type === "iteration" && d.iteration)
    return history.find((p) => p.step === `${item.n - 1}/${item.of}`)?.t;
  return undefined;
}
