// Rollout phase and message exactly as the controller and `kubectl argo rollouts` compute them
// (rolloututil.GetRolloutPhase / CalculateRolloutPhase).
import type { Rollout } from "../schemas/argo/rollout";
import { goAtoi } from "./go-atoi";
import { sameGoInstant } from "./go-order";

/** The controller's phases; status.phase is shown as written, so any other word can appear too. */
export type KnownRolloutPhase = "Healthy" | "Progressing" | "Paused" | "Degraded";
export type RolloutPhase = KnownRolloutPhase | (string & {});

export interface PhaseAndMessage {
  phase: RolloutPhase;
  message: string;
}

/**
 * The spec generation has been seen by the controller. Controllers before v0.10 wrote a pod-template
 * hash in status.observedGeneration (e.g. `7fcc96c7b7`); the plugin's `strconv.Atoi` rejects the whole
 * text, so such a spec counts as observed (reading its leading digits would not).
 */
export function isGenerationObserved(rollout: Rollout): boolean {
  const observed = goAtoi(String(rollout.status?.observedGeneration ?? ""));
  if (observed === undefined) return true;
  // A replaced object (or an all-digit v0.9 hash) can carry a number above the generation.
  return observed >= BigInt(Math.trunc(rollout.metadata.generation ?? 0));
}

/** The controller asked to unpause but has not yet acted on it. */
export function isUnpausing(rollout: Rollout): boolean {
  const status = rollout.status;
  return Boolean(status?.controllerPause) && (status?.pauseConditions?.length ?? 0) === 0;
}

export function isFullyPromoted(rollout: Rollout): boolean {
  const status = rollout.status;
  return Boolean(status?.stableRS) && status?.stableRS === status?.currentPodHash;
}

function analysisCompleted(phase: string | null | undefined): boolean {
  return phase === "Successful" || phase === "Failed" || phase === "Error" || phase === "Inconclusive";
}

export function rolloutPhase(rollout: Rollout): PhaseAndMessage {
  if (!isGenerationObserved(rollout)) {
    return { phase: "Progressing", message: "waiting for rollout spec update to be observed" };
  }
  if (isUnpausing(rollout)) {
    return { phase: "Progressing", message: "waiting for rollout to unpause" };
  }
  // Phase and message come from the controller since v1.0, whatever word it wrote.
  const reported = rollout.status?.phase;
  if (reported) return { phase: reported, message: rollout.status?.message ?? "" };
  return calculateRolloutPhase(rollout);
}

/** Client-side computation used when the controller did not write status.phase (pre-1.0 controllers). */
export function calculateRolloutPhase(rollout: Rollout): PhaseAndMessage {
  const { spec } = rollout;
  const status = rollout.status ?? {};
  for (const cond of status.conditions ?? []) {
    if (cond.type === "InvalidSpec") {
      return { phase: "Degraded", message: `InvalidSpec: ${cond.message ?? ""}` };
    }
    if (cond.reason === "RolloutAborted" || cond.reason === "ProgressDeadlineExceeded") {
      return { phase: "Degraded", message: `${cond.reason}: ${cond.message ?? ""}` };
    }
  }
  if (spec.paused) return { phase: "Paused", message: "manually paused" };
  const firstPause = status.pauseConditions?.[0];
  if (firstPause) return { phase: "Paused", message: firstPause.reason };

  // Compared as instants (Time.Equal): `…T10:00:00Z` and `…T11:00:00+01:00` are the same restart.
  if (spec.restartAt && !(status.restartedAt && sameGoInstant(spec.restartAt, status.restartedAt))) {
    return { phase: "Progressing", message: "rollout is restarting" };
  }
  const desired = spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (updated < desired) return { phase: "Progressing", message: "more replicas need to be updated" };
  if (available < updated) {
    return { phase: "Progressing", message: "updated replicas are still becoming available" };
  }
  const blueGreen = spec.strategy?.blueGreen;
  const canary = spec.strategy?.canary;
  if (blueGreen) {
    const active = status.blueGreen?.activeSelector;
    if (!active || active !== status.currentPodHash) {
      return { phase: "Progressing", message: "active service cutover pending" };
    }
    if (!status.stableRS || status.stableRS !== status.currentPodHash) {
      const post = status.blueGreen?.postPromotionAnalysisRunStatus?.status;
      if (blueGreen.postPromotionAnalysis && !analysisCompleted(post)) {
        return { phase: "Progressing", message: "waiting for analysis to complete" };
      }
      return { phase: "Progressing", message: "waiting for post-promotion verification to complete" };
    }
  } else if (canary) {
    // Only a basic canary is expected to converge on replicas == updatedReplicas.
    if (!canary.trafficRouting && (status.replicas ?? 0) > updated) {
      return { phase: "Progressing", message: "old replicas are pending termination" };
    }
    if (!status.stableRS || !isFullyPromoted(rollout)) {
      return { phase: "Progressing", message: "waiting for all steps to complete" };
    }
  }
  return { phase: "Healthy", message: "" };
}
