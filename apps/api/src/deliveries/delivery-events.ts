// Kubernetes Events of a delivery and the objects it owns, newest first, shaped for a timeline.
import { type KubeEvent, newestFirst } from "@rollscope/shared";
import type { ObjectStore } from "@rollscope/shared/cluster/object-store";

export interface TimelineEvent {
  time: string;
  type: string;
  reason: string;
  message: string;
  object: { kind: string; name: string };
  source: string;
  count: number;
}

export function eventTime(e: KubeEvent): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? "";
}

export function deliveryEvents(
  store: ObjectStore,
  namespace: string,
  objectNames: Set<string>,
  limit = 200,
): TimelineEvent[] {
  return store
    .list("Event", namespace)
    .filter((e) => objectNames.has(e.involvedObject.name ?? ""))
    .map((e) => ({
      time: eventTime(e),
      type: e.type ?? "Normal",
      reason: e.reason ?? "",
      message: e.message ?? "",
      object: { kind: e.involvedObject.kind ?? "", name: e.involvedObject.name ?? "" },
      source: e.source?.component ?? e.reportingComponent ?? "",
      count: e.count ?? 1,
    }))
    .sort((a, b) => newestFirst(a.time, b.time))
    .slice(0, limit);
}
