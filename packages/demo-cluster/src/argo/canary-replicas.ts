// How many pods the canary and stable ReplicaSets should run (replicasetutil
// CalculateReplicaCountsForCanary, simplified): ceil(weight% of replicas) for the canary; with traffic
// routing the stable keeps its full size (traffic, not pod count, does the splitting) and a
// setCanaryScale step can pin the canary size.
import { type CanaryStep, canarySteps, currentSetWeight, currentStepIndex } from "@rollscope/shared";
import type { RolloutContext } from "./rollout-context";

export interface CanaryCounts {
  canary: number;
  stable: number;
}

function activeCanaryScale(ctx: RolloutContext): CanaryStep["setCanaryScale"] | undefined {
  if (!ctx.rollout.spec.strategy?.canary?.trafficRouting) return undefined;
  const index = currentStepIndex(ctx.rollout);
  if (index === undefined) return undefined;
  const steps = canarySteps(ctx.rollout);
  for (let i = Math.min(index, steps.length - 1); i >= 0; i--) {
    const scale = steps[i]?.setCanaryScale;
    if (scale) return scale.matchTrafficWeight ? undefined : scale;
  }
  return undefined;
}

export function canaryCounts(ctx: RolloutContext): CanaryCounts {
  const replicas = ctx.replicas;
  const routed = Boolean(ctx.rollout.spec.strategy?.canary?.trafficRouting);
  if (ctx.pause.isAborted()) return { canary: 0, stable: replicas };
  const steps = canarySteps(ctx.rollout);
  const index = currentStepIndex(ctx.rollout) ?? 0;
  if (ctx.prev.promoteFull || steps.length === 0 || index >= steps.length) {
    return { canary: replicas, stable: routed ? replicas : 0 };
  }
  const weight = currentSetWeight(ctx.rollout);
  const scale = activeCanaryScale(ctx);
  let canary = Math.ceil((replicas * weight) / 100);
  if (scale?.replicas != null) canary = scale.replicas;
  else if (scale?.weight != null) canary = Math.ceil((replicas * scale.weight) / 100);
  const stable = routed ? replicas : Math.ceil((replicas * (100 - weight)) / 100);
  return { canary, stable };
}

/** AtDesiredReplicaCountsForCanary: the pods for this step are all there and available. */
export function atDesiredCounts(ctx: RolloutContext, counts: CanaryCounts): boolean {
  const { newRS, stableRS } = ctx;
  if (!newRS) return false;
  const newDesired = stableRS === newRS ? ctx.replicas : counts.canary;
  if (newRS.spec?.replicas !== newDesired || (newRS.status?.availableReplicas ?? 0) !== newDesired)
    return false;
  if (stableRS && stableRS !== newRS) {
    if (
      stableRS.spec?.replicas !== counts.stable ||
      (stableRS.status?.availableReplicas ?? 0) < counts.stable
    )
      return false;
  }
  if (!ctx.rollout.spec.strategy?.canary?.trafficRouting) {
    return ctx.otherRSs.every((rs) => (rs.status?.availableReplicas ?? 0) === 0);
  }
  return true;
}
