// Promote full: skip every remaining step and analysis (`kubectl argo rollouts promote --full`).
import type { Rollout } from "../../schemas/argo/rollout";
import type { ActionRequest, PlanResult } from "../action-plan";
import { isAborted, isSettled } from "./rollout-state";
import { specPatch, statusPatch } from "./rollout-target";

export function promoteFullBlockedReason(rollout: Rollout): string | undefined {
  if (isAborted(rollout)) return "The rollout is aborted: retry it first.";
  if (isSettled(rollout)) return "Nothing to promote: the rollout is fully promoted.";
  return undefined;
}

export function planPromoteFull(rollout: Rollout): PlanResult {
  const blocked = promoteFullBlockedReason(rollout);
  if (blocked) return { ok: false, reason: blocked };
  const requests: ActionRequest[] = [];
  const paused = Boolean(rollout.spec.paused);
  if (rollout.status?.currentPodHash !== rollout.status?.stableRS) {
    const status = { promoteFull: true };
    requests.push(statusPatch(rollout, status, paused ? { spec: { paused: false }, status } : { status }));
  }
  if (paused) requests.push(specPatch(rollout, { paused: false }));
  if (requests.length === 0)
    return { ok: false, reason: "Nothing to promote: the rollout is fully promoted." };
  return {
    ok: true,
    plan: {
      action: "promoteFull",
      lever: "status patch",
      description:
        "Promote full: skip all remaining steps and analysis and move every replica and all traffic to the new revision.",
      requests,
    },
  };
}
