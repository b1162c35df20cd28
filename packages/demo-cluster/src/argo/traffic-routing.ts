// rollout/trafficrouting.go with the Istio reconciler: the desired canary weight for this reconcile,
// written into the VirtualService routes (stable/canary destinations by service name) and into
// status.canary.weights, with a TrafficWeightUpdated event whenever the weights change.
import {
  canarySteps,
  currentSetWeight,
  currentStepIndex,
  isFullyPromoted,
  maxTrafficWeight,
  type Rollout,
} from "@rollscope/shared";
import { hashOf, parsed } from "./kube-objects";
import type { RolloutContext } from "./rollout-context";

type Weights = NonNullable<NonNullable<NonNullable<Rollout["status"]>["canary"]>["weights"]>;

/** The canary weight upstream asks the router for, given where the rollout stands. */
export function desiredCanaryWeight(ctx: RolloutContext, atDesiredReplicas: boolean): number {
  const ro = ctx.rollout;
  if (isFullyPromoted(ro)) return 0;
  if (ctx.pause.isAborted()) return 0;
  if (!ctx.newRS || (ctx.newRS.status?.availableReplicas ?? 0) === 0) return 0;
  if (ctx.prev.promoteFull) return ctx.prev.canary?.weights?.canary?.weight ?? 0;
  const index = currentStepIndex(ro);
  if (index === undefined) return 0;
  const steps = canarySteps(ro);
  if (!atDesiredReplicas) {
    // The new pods are not ready for the next weight yet: hold the previous setWeight.
    for (let i = index - 1; i >= 0; i--) {
      const w = steps[i]?.setWeight;
      if (w != null) return w;
    }
    return 0;
  }
  if (index !== steps.length) return currentSetWeight(ro);
  return maxTrafficWeight(ro);
}

function weightMessage(prev: Weights | null | undefined, next: Weights): string {
  const details: string[] = [];
  if (!prev) details.push(`to ${next.canary.weight}`);
  else if (prev.canary.weight !== next.canary.weight)
    details.push(`from ${prev.canary.weight} to ${next.canary.weight}`);
  return `Traffic weight updated ${details.join(", ")}`;
}

/** Sets the stable/canary destination weights of the routes the rollout names. */
function setVirtualServiceWeights(ctx: RolloutContext, desired: number): void {
  const canary = ctx.rollout.spec.strategy?.canary;
  const istio = canary?.trafficRouting?.istio;
  if (!canary || !istio) return;
  const refs = [...(istio.virtualService ? [istio.virtualService] : []), ...(istio.virtualServices ?? [])];
  const { store } = ctx.env;
  const namespace = ctx.rollout.metadata.namespace ?? "default";
  for (const ref of refs) {
    const raw = store.get({ kind: "VirtualService", namespace, name: ref.name });
    const vs = parsed("VirtualService", raw);
    if (!raw || !vs) continue;
    const routes = vs.spec.http ?? [];
    const names = ref.routes ?? [];
    let changed = false;
    routes.forEach((route, i) => {
      const selected = names.length > 0 ? names.includes(route.name ?? "") : routes.length === 1 && i === 0;
      if (!selected) return;
      for (const dest of route.route ?? []) {
        const host = dest.destination.host.split(".")[0];
        const weight =
          host === canary.canaryService ? desired : host === canary.stableService ? 100 - desired : undefined;
        if (weight !== undefined && dest.weight !== weight) {
          dest.weight = weight;
          changed = true;
        }
      }
    });
    if (changed) store.update({ ...raw, spec: { ...raw.spec, http: routes } });
  }
}

export function reconcileTrafficRouting(ctx: RolloutContext, atDesiredReplicas: boolean): void {
  const canary = ctx.rollout.spec.strategy?.canary;
  if (!canary?.trafficRouting) {
    ctx.newStatus.canary = { ...ctx.newStatus.canary, weights: undefined };
    return;
  }
  const desired = desiredCanaryWeight(ctx, atDesiredReplicas);
  setVirtualServiceWeights(ctx, desired);
  const next: Weights = {
    canary: {
      weight: desired,
      podTemplateHash: hashOf(ctx.newRS) || undefined,
      serviceName: canary.canaryService ?? undefined,
    },
    stable: {
      weight: 100 - desired,
      podTemplateHash: hashOf(ctx.stableRS) || undefined,
      serviceName: canary.stableService ?? undefined,
    },
  };
  const prev = ctx.prev.canary?.weights;
  const same = (a: Weights["canary"] | undefined, b: Weights["canary"]) =>
    a?.weight === b.weight &&
    (a?.podTemplateHash ?? undefined) === b.podTemplateHash &&
    (a?.serviceName ?? undefined) === b.serviceName;
  if (!prev || !same(prev.canary, next.canary) || !same(prev.stable, next.stable)) {
    ctx.env.events.normal(ctx.rollout, "TrafficWeightUpdated", weightMessage(prev, next));
    ctx.newStatus.canary = { ...ctx.newStatus.canary, weights: next };
  }
}
