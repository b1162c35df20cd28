// Abort: the controller scales the canary down and sends all traffic back to stable.
import type { Rollout } from "../../schemas/argo/rollout";
import type { PlanResult } from "../action-plan";
import { isAborted, isSettled } from "./rollout-state";
import { statusPatch } from "./rollout-target";

export function abortBlockedReason(rollout: Rollout): string | undefined {
  if (isAborted(rollout)) return "The rollout is already aborted.";
  if (isSettled(rollout)) return "Nothing to abort: no update is in progress.";
  return undefined;
}

export function planAbort(rollout: Rollout): PlanResult {
  const blocked = abortBlockedReason(rollout);
  if (blocked) return { ok: false, reason: blocked };
  return {
    ok: true,
    plan: {
      action: "abort",
      lever: "status patch",
      description:
        "Abort: set status.abort = true; traffic returns to the stable revision and the canary scales down.",
      requests: [statusPatch(rollout, { abort: true })],
    },
  };
}
