// The canary's actual traffic weight (plugin: info.NewRolloutInfo ActualWeight).
import type { Revision } from "../delivery/revision";
import type { Rollout } from "../schemas/argo/rollout";
import { currentCanaryStep, currentSetWeight, maxTrafficWeight } from "./canary-steps";

export function actualWeight(rollout: Rollout, revisions: Revision[]): number {
  if (!rollout.spec.strategy?.canary) return 0;
  if (!currentCanaryStep(rollout)) return maxTrafficWeight(rollout);
  const status = rollout.status;
  const available = status?.availableReplicas ?? 0;
  if (available <= 0) return 0;
  if (rollout.spec.strategy.canary.trafficRouting) {
    // The weight the traffic router really holds, when the controller reports it.
    const routed = status?.canary?.weights?.canary?.weight;
    return typeof routed === "number" ? routed : currentSetWeight(rollout);
  }
  const canary = revisions.find((r) => r.roles.includes("canary"));
  return canary ? Math.floor((canary.replicas.available * 100) / available) : 0;
}
