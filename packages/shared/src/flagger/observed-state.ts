import type { ObservedState } from "../delivery/delivery";
import type { Canary } from "../schemas/flagger/canary";
import { flaggerPhase } from "./canary-phase";

/** The fields of a Canary an action's precondition is checked against. */
export function canaryObservedState(canary: Canary): ObservedState {
  const status = canary.status;
  return {
    aborted: flaggerPhase(canary) === "Failed",
    paused: Boolean(canary.spec.suspend) || ["Waiting", "WaitingPromotion"].includes(flaggerPhase(canary)),
    flaggerPhase: flaggerPhase(canary),
    ...(status?.canaryWeight != null ? { canaryWeight: status.canaryWeight } : {}),
    ...(status?.iterations != null ? { iterations: status.iterations } : {}),
    ...(status?.lastAppliedSpec ? { lastAppliedSpec: status.lastAppliedSpec } : {}),
  };
}
