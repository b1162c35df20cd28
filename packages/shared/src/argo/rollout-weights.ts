// The canary's actual traffic weight (plugin: info.NewRolloutInfo ActualWeight).
import type { Revision } from "../delivery/revision";
import type { Rollout } from "../schemas/argo/rollout";
import { currentCanaryStep, currentSetWeight, maxTrafficWeight } from "./canary-steps";

/** Go's int32 `a * b / c` (c > 0): the product wraps at 32 bits, the quotient truncates. */
function int32MulDiv(a: number, b: number, c: number): number {
  return Math.trunc(Math.imul(a, b) / c);
}

/** `revisions` in the plugin's order; 0 for a Rollout that is not a canary (the plugin shows none). */
export function actualWeight(rollout: Rollout, revisions: Revision[]): number {
  const canary = rollout.spec.strategy?.canary;
  if (!canary) return 0;
  if (!currentCanaryStep(rollout)) return maxTrafficWeight(rollout);
  const status = rollout.status;
  const available = status?.availableReplicas ?? 0;
  if (available <= 0) return 0;
  if (canary.trafficRouting) {
    // The weight the traffic router really holds, when the controller reports it.
    const weights = status?.canary?.weights;
    return weights ? (weights.canary?.weight ?? 0) : currentSetWeight(rollout);
  }
  // Share of available pods; with several canary ReplicaSets the plugin keeps the last one's.
  let weight = 0;
  for (const r of revisions) {
    if (r.roles.includes("canary"))
      weight = int32MulDiv(r.replicas.available, maxTrafficWeight(rollout), available);
  }
  return weight;
}
