// A delivery's phase in Argo CD's health words, so what Rollscope shows can be set beside the health
// an Argo CD Application shows for the same object (and compared with Argo CD's own health tests).
import type { UnifiedPhase } from "./delivery";

/** Argo CD's health statuses that a delivery can have (`Missing` is about absent objects, never ours). */
export type ArgoCdHealth = "Healthy" | "Progressing" | "Suspended" | "Degraded" | "Unknown";

const healthByPhase: Record<UnifiedPhase, ArgoCdHealth> = {
  healthy: "Healthy",
  progressing: "Progressing",
  // Argo CD's Rollout check turns the controller's Paused into Suspended: waiting to be resumed.
  paused: "Suspended",
  degraded: "Degraded",
  // Argo CD's Flagger Canary check has no word for a Terminated canary and answers Unknown.
  terminated: "Unknown",
  unknown: "Unknown",
};

export function argoCdHealth(phase: UnifiedPhase): ArgoCdHealth {
  return healthByPhase[phase];
}
