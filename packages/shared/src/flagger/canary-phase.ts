// Flagger's phase mapped onto the shared status, with a message a person can read.
import type { UnifiedPhase } from "../delivery/delivery";
import type { Canary } from "../schemas/flagger/canary";

const unifiedByPhase: Record<string, UnifiedPhase> = {
  "": "progressing",
  Initializing: "progressing",
  Initialized: "healthy",
  Waiting: "paused",
  Progressing: "progressing",
  WaitingPromotion: "paused",
  Promoting: "progressing",
  Finalising: "progressing",
  Succeeded: "healthy",
  Failed: "degraded",
  Terminating: "progressing",
  Terminated: "terminated",
};

const defaultMessage: Record<string, string> = {
  "": "Waiting for Flagger to initialise the canary",
  Initializing: "Initialising: creating the primary Deployment and services",
  Initialized: "Initialised: waiting for a new revision",
  Waiting: "Waiting for the confirm-rollout gate to open",
  Progressing: "Canary analysis in progress",
  WaitingPromotion: "Analysis passed: waiting for the confirm-promotion gate to open",
  Promoting: "Promoting: copying the canary spec to the primary",
  Finalising: "Finalising: routing all traffic back to the primary",
  Succeeded: "Canary analysis completed successfully, promotion finished",
  Failed: "Canary analysis failed and was rolled back",
  Terminating: "Terminating: the Canary is being deleted",
  Terminated: "Terminated: the Canary was deleted and traffic restored",
};

export function flaggerPhase(canary: Canary): string {
  return canary.status?.phase ?? "";
}

export function unifiedFlaggerPhase(canary: Canary): UnifiedPhase {
  if (canary.spec.suspend) return "paused";
  return unifiedByPhase[flaggerPhase(canary)] ?? "unknown";
}

export function flaggerMessage(canary: Canary): string {
  const promoted = canary.status?.conditions?.find((c) => c.type === "Promoted");
  if (canary.spec.suspend) return "Suspended: Flagger ignores this canary until spec.suspend is false";
  if (promoted?.message) return promoted.message;
  const phase = flaggerPhase(canary);
  return defaultMessage[phase] ?? `Unknown phase ${phase}`;
}

/** A run is in flight: checks are running or a gate is holding it. */
export function isRunInFlight(canary: Canary): boolean {
  return ["Waiting", "Progressing", "WaitingPromotion", "Promoting", "Finalising"].includes(
    flaggerPhase(canary),
  );
}
