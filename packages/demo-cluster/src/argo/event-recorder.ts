// Kubernetes Events as the controller's recorder writes them (core/v1, source rollouts-controller),
// aggregated and expired as the API server does (see AggregatedEvents).
import { type EventType, kubeEvent } from "@rollscope/shared/kube/kube-event";
import { AggregatedEvents } from "../aggregated-events";
import type { DemoStore } from "../demo-store";
import type { SimClock } from "./clock";
import { apiVersionOf, CONTROLLER_COMPONENT } from "./kube-objects";

export interface Involved {
  kind?: string;
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string };
}

export class EventRecorder {
  private readonly events: AggregatedEvents;

  constructor(store: DemoStore, clock: SimClock, ttlMs?: number) {
    this.events = new AggregatedEvents(store, clock, ttlMs);
  }

  normal(object: Involved, reason: string, message: string): void {
    this.record(object, "Normal", reason, message);
  }

  warning(object: Involved, reason: string, message: string): void {
    this.record(object, "Warning", reason, message);
  }

  record(object: Involved, type: EventType, reason: string, message: string): void {
    const namespace = object.metadata.namespace ?? "default";
    const kind = object.kind ?? "";
    const identity = [kind, object.metadata.name, object.metadata.uid, type, reason, message];
    this.events.write(namespace, identity, (at, nameSuffix) =>
      kubeEvent({
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
        at,
        nameSuffix,
        source: { component: CONTROLLER_COMPONENT },
        reportingComponent: CONTROLLER_COMPONENT,
        reportingInstance: "",
      }),
    );
  }

  /** Deletes the events this recorder wrote that are older than the TTL. */
  prune(): void {
    this.events.prune();
  }
}
