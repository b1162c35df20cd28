// Promote a Flagger canary. Flagger has no promote API, so the lever is, in order of preference:
// open the gate it waits on (loadtester or Rollscope gate), else skip the rest of the analysis.
import { flaggerPhase } from "../../flagger/canary-phase";
import { type GateWebhook, gateWebhooks } from "../../flagger/webhook-gates";
import type { Canary } from "../../schemas/flagger/canary";
import type { PlanResult } from "../action-plan";
import { canaryTarget } from "./canary-target";
import { openGateRequest } from "./gate-request";

const promotablePhases = new Set(["Waiting", "Progressing", "WaitingPromotion"]);

export function canaryPromoteBlockedReason(canary: Canary): string | undefined {
  const phase = flaggerPhase(canary);
  if (phase === "Waiting" && !waitingGate(canary)) {
    // skipAnalysis does not get past confirm-rollout: only the gate's owner can open it.
    const hook = gateWebhooks(canary).find((g) => g.type === "confirm-rollout");
    const why = hook?.opener.kind === "none" ? hook.opener.why : "no confirm-rollout webhook was found";
    return `The canary waits at its confirm-rollout gate, which Rollscope cannot open: ${why}.`;
  }
  if (promotablePhases.has(phase)) return undefined;
  if (phase === "Promoting" || phase === "Finalising") return "Promotion is already under way.";
  if (phase === "Failed") return "The canary failed and was rolled back: retry it or set a new image.";
  return `Nothing to promote: the canary is ${phase || "not initialised yet"}.`;
}

/** The gate the canary is waiting at now, if any. */
export function waitingGate(canary: Canary): GateWebhook | undefined {
  const phase = flaggerPhase(canary);
  const type =
    phase === "Waiting" ? "confirm-rollout" : phase === "WaitingPromotion" ? "confirm-promotion" : undefined;
  if (!type) return undefined;
  return gateWebhooks(canary).find((g) => g.type === type && g.opener.kind !== "none");
}

export function planCanaryPromote(canary: Canary, checksum: string): PlanResult {
  const blocked = canaryPromoteBlockedReason(canary);
  if (blocked) return { ok: false, reason: blocked };
  const gate = waitingGate(canary);
  if (gate) {
    const request = openGateRequest(canary, gate, "promote", checksum);
    if (request.ok) {
      return {
        ok: true,
        plan: {
          action: "promote",
          lever: request.lever,
          description: `Promote: open the ${gate.type} gate "${gate.name}" (${request.where}); Flagger continues at its next check.`,
          requests: [request.request],
          ...(request.closeAfterRun ? { afterRun: [request.closeAfterRun] } : {}),
        },
      };
    }
  }
  return {
    ok: true,
    plan: {
      action: "promote",
      lever: "skipAnalysis",
      description:
        "Promote: set spec.skipAnalysis = true so Flagger promotes the canary now, skipping the remaining analysis; Rollscope restores it when the run completes.",
      requests: [
        {
          type: "patch",
          target: canaryTarget(canary),
          patchType: "merge",
          body: { spec: { skipAnalysis: true } },
        },
      ],
      afterRun: [
        {
          type: "patch",
          target: canaryTarget(canary),
          patchType: "merge",
          body: { spec: { skipAnalysis: false } },
        },
      ],
    },
  };
}
