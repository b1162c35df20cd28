// Promote, exactly as `kubectl argo rollouts promote` does it (cmd/promote getPatches, default case).
import { canarySteps, currentStepIndex } from "../../argo/canary-steps";
import type { Rollout } from "../../schemas/argo/rollout";
import type { ActionRequest, PlanResult } from "../action-plan";
import { isAborted, isSettled } from "./rollout-state";
import { specPatch, statusPatch } from "./rollout-target";

/** Why promote cannot be offered now, or undefined when it can. */
export function promoteBlockedReason(rollout: Rollout): string | undefined {
  if (isAborted(rollout)) return "The rollout is aborted: retry it first, or set a new image.";
  if (isSettled(rollout)) return "Nothing to promote: the rollout is fully promoted.";
  return undefined;
}

/** The current step is an analysis that came back Inconclusive and paused the rollout for a person. */
function isInconclusivePause(rollout: Rollout): boolean {
  const status = rollout.status;
  return (
    Boolean(rollout.spec.strategy?.canary) &&
    status?.canary?.currentStepAnalysisRunStatus?.status === "Inconclusive" &&
    (status.pauseConditions?.length ?? 0) > 0 &&
    Boolean(status.controllerPause)
  );
}

function nextStepIndex(rollout: Rollout): number | undefined {
  const index = currentStepIndex(rollout);
  if (index === undefined) return undefined;
  return index < canarySteps(rollout).length ? index + 1 : index;
}

export function planPromote(rollout: Rollout): PlanResult {
  const blocked = promoteBlockedReason(rollout);
  if (blocked) return { ok: false, reason: blocked };
  const requests: ActionRequest[] = [];
  const paused = Boolean(rollout.spec.paused);
  const hasPauseConditions = (rollout.status?.pauseConditions?.length ?? 0) > 0;
  // The plugin's combined patch, used only where the status subresource does not exist.
  const unified = { spec: { paused: false }, status: { pauseConditions: null } };
  const what: string[] = [];

  if (isInconclusivePause(rollout)) {
    const next = nextStepIndex(rollout);
    if (next !== undefined) {
      requests.push(
        statusPatch(
          rollout,
          { pauseConditions: null, controllerPause: false, currentStepIndex: next },
          unified,
        ),
      );
      what.push(`accept the inconclusive analysis and move to step ${next}`);
    }
  } else if (hasPauseConditions) {
    requests.push(statusPatch(rollout, { pauseConditions: null }, unified));
    what.push("clear the pause so the rollout continues");
  } else if (rollout.spec.strategy?.canary) {
    // Not paused: skip the step in progress (analysis or experiment). Never both clear and skip.
    const next = nextStepIndex(rollout);
    if (next !== undefined) {
      const status = { pauseConditions: null, currentStepIndex: next };
      requests.push(statusPatch(rollout, status, { spec: { paused: false }, status }));
      what.push(`skip to step ${next} of ${canarySteps(rollout).length}`);
    }
  }
  if (paused) {
    // The spec patch goes second; if the status patch had to fall back, the fallback already unpaused.
    requests.push(specPatch(rollout, { paused: false }));
    what.unshift("unpause the rollout (spec.paused = false)");
  }
  if (requests.length === 0)
    return { ok: false, reason: "Nothing to promote: the rollout is not paused and has no steps." };
  return {
    ok: true,
    plan: {
      action: "promote",
      lever: "status patch",
      description: `Promote: ${what.join(", then ")}.`,
      requests,
    },
  };
}
