// Abort (roll back) a Flagger canary: open its rollback gate if it has one, else raise failedChecks
// to the threshold so Flagger rolls back at its next check.
import { analysisThreshold } from "../../flagger/canary-analysis";
import { flaggerPhase, isRunInFlight } from "../../flagger/canary-phase";
import { gateWebhooks } from "../../flagger/webhook-gates";
import type { Canary } from "../../schemas/flagger/canary";
import type { PlanResult } from "../action-plan";
import { canaryTarget } from "./canary-target";
import { openGateRequest } from "./gate-request";

export function canaryAbortBlockedReason(canary: Canary): string | undefined {
  const phase = flaggerPhase(canary);
  if (phase === "Promoting" || phase === "Finalising")
    return "Promotion is already under way and cannot be rolled back.";
  // Flagger checks neither failedChecks nor rollback gates before confirm-rollout lets the run start
  // (and resets failedChecks meanwhile), so an abort here would do nothing.
  if (phase === "Waiting")
    return "The canary waits at its confirm-rollout gate: no traffic has moved and Flagger ignores a rollback until the run starts. Leave the gate closed, or set the previous image.";
  if (!isRunInFlight(canary)) return `Nothing to abort: the canary is ${phase || "not initialised yet"}.`;
  return undefined;
}

export function planCanaryAbort(canary: Canary, checksum: string): PlanResult {
  const blocked = canaryAbortBlockedReason(canary);
  if (blocked) return { ok: false, reason: blocked };
  const gate = gateWebhooks(canary).find((g) => g.type === "rollback" && g.opener.kind !== "none");
  if (gate) {
    const request = openGateRequest(canary, gate, "rollback", checksum);
    if (request.ok) {
      return {
        ok: true,
        plan: {
          action: "abort",
          lever: request.lever,
          description: `Abort: open the rollback gate "${gate.name}" (${request.where}); Flagger rolls back at its next check.`,
          requests: [request.request],
          ...(request.closeAfterRun ? { afterRun: [request.closeAfterRun] } : {}),
        },
      };
    }
  }
  const threshold = Math.max(1, analysisThreshold(canary));
  return {
    ok: true,
    plan: {
      action: "abort",
      lever: "failedChecks",
      description: `Abort: set status.failedChecks = ${threshold} (the threshold); Flagger rolls back to the primary at its next check.`,
      requests: [
        {
          type: "patch",
          target: canaryTarget(canary),
          subresource: "status",
          patchType: "merge",
          body: { status: { failedChecks: threshold } },
        },
      ],
    },
  };
}
