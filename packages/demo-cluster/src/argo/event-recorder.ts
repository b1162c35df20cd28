// Kubernetes Events as the controller's recorder writes them (core/v1, source rollouts-controller).
// Identical events on the same object are aggregated into one with a growing count, as the client-go
// EventCorrelator does, and events older than the API server's TTL (1h) are dropped.
import { type EventType, kubeEvent } from "@rollscope/shared/kube/kube-event";
import type { DemoStore } from "../demo-store";
import type { SimClock } from "./clock";
import { apiVersionOf, CONTROLLER_COMPONENT } from "./kube-objects";

export interface Involved {
  kind?: string;
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string };
}

interface Recorded {
  namespace: string;
  name: string;
  lastMs: number;
}

const DEFAULT_TTL_MS = 60 * 60 * 1000;

export class EventRecorder {
  private readonly recorded = new Map<string, Recorded>();
  private sequence = 0;

  constructor(
    private readonly store: DemoStore,
    private readonly clock: SimClock,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  normal(object: Involved, reason: string, message: string): void {
    this.record(object, "Normal", reason, message);
  }

  warning(object: Involved, reason: string, message: string): void {
    this.record(object, "Warning", reason, message);
  }

  record(object: Involved, type: EventType, reason: string, message: string): void {
    const namespace = object.metadata.namespace ?? "default";
    const kind = object.kind ?? "";
    const aggregateKey = [
      namespace,
      kind,
      object.metadata.name,
      object.metadata.uid,
      type,
      reason,
      message,
    ].join("\u0000");
    const now = this.clock.timestamp();
    const previous = this.recorded.get(aggregateKey);
    const existing = previous && this.store.get({ kind: "Event", namespace, name: previous.name });
    if (previous && existing) {
      const count = typeof existing.count === "number" ? existing.count : 1;
      this.store.update({ ...existing, count: count + 1, lastTimestamp: now });
      previous.lastMs = this.clock.nowMs();
      return;
    }
    const event = kubeEvent({
      involvedObject: {
        apiVersion: apiVersionOf(kind),
        kind,
        name: object.metadata.name,
        namespace,
        uid: object.metadata.uid ?? "",
        ...(object.metadata.resourceVersion ? { resourceVersion: object.metadata.resourceVersion } : {}),
      },
      type,
      reason,
      message,
      at: now,
      nameSuffix: this.uniqueSuffix(),
      source: { component: CONTROLLER_COMPONENT },
      reportingComponent: CONTROLLER_COMPONENT,
      reportingInstance: "",
    });
    this.store.create(event);
    this.recorded.set(aggregateKey, { namespace, name: event.metadata.name, lastMs: this.clock.nowMs() });
  }

  /** Deletes the events this recorder wrote that are older than the TTL. */
  prune(): void {
    const cutoff = this.clock.nowMs() - this.ttlMs;
    for (const [key, entry] of this.recorded) {
      if (entry.lastMs >= cutoff) continue;
      this.store.delete({ kind: "Event", namespace: entry.namespace, name: entry.name });
      this.recorded.delete(key);
    }
  }

  // client-go names events "<object>.<unix nanoseconds in hex>".
  private uniqueSuffix(): string {
    this.sequence += 1;
    return (BigInt(this.clock.nowMs()) * 1_000_000n + BigInt(this.sequence)).toString(16);
  }
}
