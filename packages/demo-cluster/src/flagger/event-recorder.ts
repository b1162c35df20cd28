// Flagger's Kubernetes Events (pkg/controller/events.go): reason "Synced", source component
// "flagger", involved object the Canary; aggregated and expired as the API server does (see
// AggregatedEvents).
import type { Canary } from "@rollscope/shared";
import { type EventType, kubeEvent } from "@rollscope/shared/kube/kube-event";
import { AggregatedEvents } from "../aggregated-events";
import type { DemoClock } from "../demo-clock";
import type { DemoStore } from "../demo-store";

/** Called for every event, e.g. to feed `type: event` webhooks. */
export type EventListener = (canary: Canary, type: EventType, message: string) => void;

export class FlaggerEventRecorder {
  private readonly events: AggregatedEvents;
  private readonly listeners = new Set<EventListener>();

  constructor(store: DemoStore, clock: DemoClock) {
    this.events = new AggregatedEvents(store, clock);
  }

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
    this.events.write(namespace, [name, uid, type, message], (at, nameSuffix) =>
      kubeEvent({
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
        at,
        nameSuffix,
        source: { component: "flagger" },
        reportingComponent: "",
        reportingInstance: "",
      }),
    );
    for (const listener of this.listeners) listener(canary, type, message);
  }

  /** Deletes this recorder's events older than the TTL. */
  prune(): void {
    this.events.prune();
  }
}
