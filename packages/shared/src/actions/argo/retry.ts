// Retry an aborted rollout: clearing status.abort makes the controller start the steps over.
import type { Rollout } from "../../schemas/argo/rollout";
import type { PlanResult } from "../action-plan";
import { isAborted, isDegraded } from "./rollout-state";
import { statusPatch } from "./rollout-target";

export function retryBlockedReason(rollout: Rollout): string | undefined {
  if (!isAborted(rollout) && !isDegraded(rollout)) return "Retry is for aborted or degraded rollouts.";
  return undefined;
}

export function planRetry(rollout: Rollout): PlanResult {
  const blocked = retryBlockedReason(rollout);
  if (blocked) return { ok: false, reason: blocked };
  return {
    ok: true,
    plan: {
      action: "retry",
      lever: "status patch",
      description: "Retry: set status.abort = false; the update starts again from the first step.",
      requests: [statusPatch(rollout, { abort: false })],
    },
  };
}
