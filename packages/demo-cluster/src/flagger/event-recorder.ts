// Flagger's Kubernetes Events (pkg/controller/events.go): reason "Synced", source component
// "flagger", involved object the Canary. Identical events are aggregated into one with a growing
// count (client-go's EventCorrelator), and events older than the API server's TTL (1h) are dropped.
import type { Canary } from "@rollscope/shared";
import { type EventType, kubeEvent } from "@rollscope/shared/kube/kube-event";
import type { DemoClock } from "../demo-clock";
import type { DemoStore } from "../demo-store";

/** Called for every event, e.g. to feed `type: event` webhooks. */
export type EventListener = (canary: Canary, type: EventType, message: string) => void;

const TTL_MS = 60 * 60 * 1000;

export class FlaggerEventRecorder {
  private readonly recorded = new Map<string, { namespace: string; name: string; lastMs: number }>();
  private sequence = 0;
  private readonly listeners = new Set<EventListener>();

  constructor(
    private readonly store: DemoStore,
    private readonly clock: DemoClock,
  ) {}

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  info(canary: Canary, message: string): void {
    this.record(canary, "Normal", message);
  }

  warning(canary: Canary, message: string): void {
    this.record(canary, "Warning", message);
  }

  record(canary: Canary, type: EventType, message: string): void {
    const namespace = canary.metadata.namespace ?? "default";
    const name = canary.metadata.name;
    const uid = canary.metadata.uid ?? "";
    const key = [namespace, name, uid, type, message].join("\u0000");
    const now = this.clock.timestamp();
    const previous = this.recorded.get(key);
    const existing = previous && this.store.get({ kind: "Event", namespace, name: previous.name });
    if (previous && existing) {
      const count = typeof existing.count === "number" ? existing.count : 1;
      this.store.update({ ...existing, count: count + 1, lastTimestamp: now });
      previous.lastMs = this.clock.nowMs();
    } else {
      const event = kubeEvent({
        involvedObject: {
          apiVersion: canary.apiVersion ?? "flagger.app/v1beta1",
          kind: "Canary",
          name,
          namespace,
          uid,
          ...(canary.metadata.resourceVersion ? { resourceVersion: canary.metadata.resourceVersion } : {}),
        },
        type,
        reason: "Synced",
        message,
        at: now,
        nameSuffix: this.suffix(),
        source: { component: "flagger" },
        reportingComponent: "",
        reportingInstance: "",
      });
      this.store.create(event);
      this.recorded.set(key, { namespace, name: event.metadata.name, lastMs: this.clock.nowMs() });
    }
    for (const listener of this.listeners) listener(canary, type, message);
  }

  /** Deletes this recorder's events older than the TTL. */
  prune(): void {
    const cutoff = this.clock.nowMs() - TTL_MS;
    for (const [key, entry] of this.recorded) {
      if (entry.lastMs >= cutoff) continue;
      this.store.delete({ kind: "Event", namespace: entry.namespace, name: entry.name });
      this.recorded.delete(key);
    }
  }

  // client-go names events "<object>.<unix nanoseconds in hex>".
  private suffix(): string {
    this.sequence += 1;
    return (BigInt(this.clock.nowMs()) * 1_000_000n + BigInt(this.sequence)).toString(16);
  }
}
