// Facts about a Rollout's state that decide which actions make sense.
import { isFullyPromoted, rolloutPhase } from "../../argo/rollout-phase";
import type { Rollout } from "../../schemas/argo/rollout";

export function isAborted(rollout: Rollout): boolean {
  return Boolean(rollout.status?.abort);
}

/** Nothing in flight: the current revision is the stable one and nothing holds it paused. */
export function isSettled(rollout: Rollout): boolean {
  return (
    isFullyPromoted(rollout) && !rollout.spec.paused && (rollout.status?.pauseConditions?.length ?? 0) === 0
  );
}

export function isDegraded(rollout: Rollout): boolean {
  return rolloutPhase(rollout).phase === "Degraded";
}
