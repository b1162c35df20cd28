// Where a canary Rollout stands in its steps, and the weight it asks for
// (replicasetutil.GetCurrentCanaryStep / GetCurrentSetWeight).
import type { Rollout } from "../schemas/argo/rollout";
import type { CanaryStep } from "../schemas/argo/rollout-steps";

export function canarySteps(rollout: Rollout): CanaryStep[] {
  return rollout.spec.strategy?.canary?.steps ?? [];
}

/** The index the controller is at (0 when unset); undefined for a rollout without canary steps. */
export function currentStepIndex(rollout: Rollout): number | undefined {
  if (canarySteps(rollout).length === 0) return undefined;
  return rollout.status?.currentStepIndex ?? 0;
}

/** Step position as the plugin shows it: only once the controller has written currentStepIndex. */
export function reportedStep(rollout: Rollout): { index: number; total: number } | undefined {
  const index = rollout.status?.currentStepIndex;
  const total = canarySteps(rollout).length;
  if (index === undefined || index === null || total === 0) return undefined;
  return { index, total };
}

/** The step being executed, or undefined once every step is done (or there are none). */
export function currentCanaryStep(rollout: Rollout): CanaryStep | undefined {
  const index = currentStepIndex(rollout);
  if (index === undefined) return undefined;
  return canarySteps(rollout)[index];
}

/** Upper bound of the canary's traffic weight (trafficRouting.maxTrafficWeight, default 100). */
export function maxTrafficWeight(rollout: Rollout): number {
  return rollout.spec.strategy?.canary?.trafficRouting?.maxTrafficWeight ?? 100;
}

/** The desired canary weight: 0 when aborted, max past the last step, else the last setWeight so far. */
export function currentSetWeight(rollout: Rollout): number {
  if (rollout.status?.abort) return 0;
  const index = currentStepIndex(rollout);
  const steps = canarySteps(rollout);
  if (index === undefined || index >= steps.length) return maxTrafficWeight(rollout);
  for (let i = index; i >= 0; i--) {
    const weight = steps[i]?.setWeight;
    if (weight !== undefined && weight !== null) return weight;
  }
  return 0;
}

/** "i/n" as the plugin prints it: steps completed over steps defined. */
export function stepString(rollout: Rollout): string {
  const step = reportedStep(rollout);
  return step ? `${step.index}/${step.total}` : "";
}
