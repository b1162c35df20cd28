// Which Argo actions a person can take now, and why not when they cannot.
import type { ActionAvailability } from "../../delivery/action-availability";
import { disabled, enabled } from "../../delivery/action-availability";
import type { Rollout } from "../../schemas/argo/rollout";
import type { ReplicaSet } from "../../schemas/kube/replica-set";
import { abortBlockedReason } from "./abort";
import { planPromote } from "./promote";
import { promoteFullBlockedReason } from "./promote-full";
import { retryBlockedReason } from "./retry";
import { undoableRevisions } from "./undo";

function gate(
  action: ActionAvailability["action"],
  reason: string | undefined,
  lever: string,
): ActionAvailability {
  return reason ? disabled(action, reason) : enabled(action, lever);
}

export function rolloutActionAvailability(rollout: Rollout, replicaSets: ReplicaSet[]): ActionAvailability[] {
  const undoTargets = undoableRevisions(rollout, replicaSets);
  const promote = planPromote(rollout);
  return [
    // From the plan itself: a rollout that is neither paused nor stepping has nothing to promote.
    promote.ok ? enabled("promote", promote.plan.lever) : disabled("promote", promote.reason),
    gate("promoteFull", promoteFullBlockedReason(rollout), "status patch"),
    gate("abort", abortBlockedReason(rollout), "status patch"),
    gate("retry", retryBlockedReason(rollout), "status patch"),
    enabled("restart", "spec patch"),
    enabled("setImage", rollout.spec.workloadRef?.name ? "Deployment patch (workloadRef)" : "spec patch"),
    rollout.spec.workloadRef?.name
      ? disabled("undo", "The pod template lives in the workloadRef Deployment; roll that back instead.")
      : gate(
          "undo",
          undoTargets.length === 0 ? "There is no earlier revision to roll back to." : undefined,
          "spec patch",
        ),
  ];
}
