import type { ObservedState } from "../delivery/delivery";
import type { Rollout } from "../schemas/argo/rollout";
import { currentStepIndex } from "./canary-steps";

/** The fields of a Rollout an action's precondition is checked against. */
export function rolloutObservedState(rollout: Rollout): ObservedState {
  const status = rollout.status;
  const stepIndex = currentStepIndex(rollout);
  return {
    ...(stepIndex !== undefined ? { stepIndex } : {}),
    ...(status?.currentPodHash ? { podHash: status.currentPodHash } : {}),
    ...(status?.stableRS ? { stableHash: status.stableRS } : {}),
    aborted: Boolean(status?.abort),
    paused: Boolean(rollout.spec.paused) || (status?.pauseConditions?.length ?? 0) > 0,
  };
}
