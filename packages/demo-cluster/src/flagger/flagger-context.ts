// What every part of the simulated Flagger shares: the store, the clock, how webhooks and metrics are
// reached, and the names Flagger derives from a Canary.
import { type Canary, canaryAnalysis } from "@rollscope/shared";
import type { ObjectKey } from "@rollscope/shared/cluster/object-key";
import type { DemoClock } from "../demo-clock";
import type { DemoStore } from "../demo-store";
import type { DemoMetricProvider } from "../metric-provider";

/** Flagger's CanaryWebhookPayload. */
export interface CanaryWebhookPayload {
  name: string;
  namespace: string;
  phase: string;
  checksum: string;
  metadata?: Record<string, string>;
}

/** An HTTP answer; status 0 means the request never got one (e.g. an unknown host). */
export interface WebhookResponse {
  status: number;
  body: string;
}

/** How the simulator reaches webhook URLs: the demo never opens a network connection. */
export type WebhookCaller = (
  url: string,
  payload: CanaryWebhookPayload,
) => WebhookResponse | Promise<WebhookResponse>;

export interface FlaggerContext {
  store: DemoStore;
  clock: DemoClock;
  metrics: DemoMetricProvider;
  callWebhook: WebhookCaller;
  /** Flagger's -mesh-provider (the metrics observer), "istio". */
  meshProvider: string;
}

export function canaryKey(canary: Canary): ObjectKey {
  return { kind: "Canary", namespace: canary.metadata.namespace ?? "default", name: canary.metadata.name };
}

export function namespaceOf(canary: Canary): string {
  return canary.metadata.namespace ?? "default";
}

export function targetName(canary: Canary): string {
  return canary.spec.targetRef.name;
}

export function primaryName(canary: Canary): string {
  return `${canary.spec.targetRef.name}-primary`;
}

/** Canary.SkipAnalysis(): spec.skipAnalysis, or no analysis at all. */
export function skipsAnalysis(canary: Canary): boolean {
  if (!canary.spec.analysis && !canary.spec.canaryAnalysis) return true;
  return canary.spec.skipAnalysis === true;
}

export function analysisIterations(canary: Canary): number {
  return canaryAnalysis(canary).iterations ?? 0;
}

export function hasMatch(canary: Canary): boolean {
  return (canaryAnalysis(canary).match?.length ?? 0) > 0;
}

/** metav1.NewControllerRef(canary): how Flagger marks the objects it creates. */
export function controllerRef(canary: Canary) {
  return {
    apiVersion: "flagger.app/v1beta1",
    kind: "Canary",
    name: canary.metadata.name,
    uid: canary.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}
