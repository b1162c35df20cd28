// The guards every action passes besides the stale check: one action per object at a time, and never
// twice from the same state. One set per process (per cluster registry), so every request shares it;
// it follows each cluster's cache to forget consumed states once the object has visibly moved on.
import {
  type ActionName,
  actionLabel,
  type Canary,
  canaryObservedState,
  type ObservedState,
  type Rollout,
  rolloutObservedState,
} from "@rollscope/shared";
import type { ObjectStore } from "@rollscope/shared/cluster/object-store";
import type { ClusterRegistry } from "../runtime/cluster-registry";
import type { Services } from "../runtime/services";
import type { Target } from "./action-input";
import { type ConsumedState, ConsumedStates } from "./consumed-states";
import { InFlightActions, type RunningAction } from "./in-flight-actions";

export interface ActionGuards {
  inFlight: InFlightActions;
  consumed: ConsumedStates;
}

const guardsByRegistry = new WeakMap<ClusterRegistry, ActionGuards>();

export function actionGuards(services: Pick<Services, "clusters">): ActionGuards {
  const existing = guardsByRegistry.get(services.clusters);
  if (existing) return existing;
  const guards = { inFlight: new InFlightActions(), consumed: new ConsumedStates() };
  for (const { source } of services.clusters.list()) {
    source.store.subscribe((event) => {
      if (event.kind !== "Rollout" && event.kind !== "Canary") return;
      const target = { cluster: source.name, kind: event.kind, namespace: event.namespace, name: event.name };
      const key = targetKey(target);
      if (guards.consumed.has(key)) guards.consumed.observe(key, currentState(source.store, target));
    });
  }
  guardsByRegistry.set(services.clusters, guards);
  return guards;
}

/** Unambiguous even for context names with slashes (EKS ARNs). */
export function targetKey(target: Target): string {
  return JSON.stringify([target.cluster, target.kind, target.namespace, target.name]);
}

/** The target's state in the cache, as its Delivery's `observed` block shows it; undefined if gone. */
export function currentState(store: ObjectStore, target: Omit<Target, "cluster">): ObservedState | undefined {
  if (target.kind === "Rollout") {
    const rollout = store.get("Rollout", target.namespace, target.name) as Rollout | undefined;
    return rollout && rolloutObservedState(rollout);
  }
  const canary = store.get("Canary", target.namespace, target.name) as Canary | undefined;
  return canary && canaryObservedState(canary);
}

function describeTarget(target: Target): string {
  return `${target.kind} ${target.namespace}/${target.name}`;
}

function lower(action: ActionName): string {
  return actionLabel(action).toLowerCase();
}

/** Why an action is refused while another one holds its object. */
export function inFlightReason(target: Target, holder: RunningAction, wanted: RunningAction): string {
  const when = holder.startedAt.toISOString();
  if (holder.action === wanted.action && holder.args === wanted.args)
    return `An identical ${lower(holder.action)} on ${describeTarget(target)} is already in progress (started by ${holder.identity} at ${when}); this one was not sent.`;
  return `${holder.identity}'s ${lower(holder.action)} on ${describeTarget(target)} is already in progress (started at ${when}): wait for it to finish and review the result before you ${lower(wanted.action)}.`;
}

/** Why an action carrying a state an earlier action already acted on is refused. */
export function actedOnReason(target: Target, consumed: ConsumedState, ttlMs: number): string {
  const until = new Date(consumed.at.getTime() + ttlMs).toISOString();
  return `${consumed.identity}'s ${lower(consumed.action)} at ${consumed.at.toISOString()} already acted on the state you sent, and Rollscope has not yet seen ${describeTarget(target)} change since. Wait for the view to update and review the new state; if nothing has changed by ${until}, you may send it again.`;
}
