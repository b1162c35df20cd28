// core/v1 Events as client-go's recorder writes them: one object per occurrence, named after the
// object it is about, with count 1 and first = last timestamp (an aggregator raises count later).
// Every Event Rollscope writes, to a cluster or to the demo's store, is built here.
import { apiVersionOf, isKnownKind } from "../schemas/registry";

export type EventType = "Normal" | "Warning";

/** The object an Event is about (core/v1 ObjectReference). */
export interface EventSubject {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace: string;
  uid?: string;
  resourceVersion?: string;
}

export interface EventOccurrence<Time> {
  involvedObject: EventSubject;
  type: EventType;
  reason: string;
  message: string;
  /** When it happened, in the form the writer's client sends times (an RFC 3339 string, or a Date). */
  at: Time;
  /** Makes the name unique; client-go uses the time in hexadecimal. */
  nameSuffix: string;
  source: { component: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
}

export function kubeEvent<Time>(occurrence: EventOccurrence<Time>) {
  const { involvedObject, at, reportingComponent, reportingInstance } = occurrence;
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: {
      name: `${involvedObject.name}.${occurrence.nameSuffix}`,
      namespace: involvedObject.namespace,
    },
    involvedObject,
    reason: occurrence.reason,
    message: occurrence.message,
    type: occurrence.type,
    count: 1,
    firstTimestamp: at,
    lastTimestamp: at,
    source: occurrence.source,
    ...(reportingComponent !== undefined ? { reportingComponent } : {}),
    ...(reportingInstance !== undefined ? { reportingInstance } : {}),
  };
}

/** `<unix ms in hex><6 random hex digits>`, unique per occurrence like client-go's `<hex time>`. */
export function eventNameSuffix(at: Date): string {
  const random = [...crypto.getRandomValues(new Uint8Array(3))];
  return at.getTime().toString(16) + random.map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The component Rollscope's own Events (one per action) are reported by. */
const rollscopeEventComponent = "rollscope";

/** What an action reports about the object it changed. */
export interface ActionEvent {
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
  reason: string;
  message: string;
  type: EventType;
}

/** The Event recording an action, on a real cluster and in the demo alike. */
export function actionEvent<Time>(event: ActionEvent, at: Time, nameSuffix: string, host: string) {
  return kubeEvent({
    involvedObject: {
      ...(isKnownKind(event.kind) ? { apiVersion: apiVersionOf(event.kind) } : {}),
      kind: event.kind,
      name: event.name,
      namespace: event.namespace,
      ...(event.uid ? { uid: event.uid } : {}),
    },
    type: event.type,
    reason: event.reason,
    message: event.message,
    at,
    nameSuffix,
    source: { component: rollscopeEventComponent, host },
    reportingComponent: rollscopeEventComponent,
    reportingInstance: host,
  });
}
