// Which actions a Flagger canary offers now. Flagger has no promote-full, restart or undo.
import type { ActionAvailability } from "../../delivery/action-availability";
import { disabled, enabled } from "../../delivery/action-availability";
import { gateWebhooks } from "../../flagger/webhook-gates";
import type { Canary } from "../../schemas/flagger/canary";
import { canaryAbortBlockedReason } from "./abort";
import { canaryPromoteBlockedReason, waitingGate } from "./promote";
import { canaryRetryBlockedReason } from "./retry";

export function canaryActionAvailability(canary: Canary): ActionAvailability[] {
  const promoteBlocked = canaryPromoteBlockedReason(canary);
  const gate = waitingGate(canary);
  const rollbackGate = gateWebhooks(canary).find((g) => g.type === "rollback" && g.opener.kind !== "none");
  const abortBlocked = canaryAbortBlockedReason(canary);
  const retryBlocked = canaryRetryBlockedReason(canary);
  const notFlagger = "Flagger has no such action";
  return [
    promoteBlocked
      ? disabled("promote", promoteBlocked)
      : enabled(
          "promote",
          gate
            ? `${gate.opener.kind === "rollscope" ? "Rollscope" : "loadtester"} gate ${gate.type}`
            : "skipAnalysis",
        ),
    disabled("promoteFull", `${notFlagger}: promote skips the remaining analysis.`),
    abortBlocked
      ? disabled("abort", abortBlocked)
      : enabled(
          "abort",
          rollbackGate
            ? `${rollbackGate.opener.kind === "rollscope" ? "Rollscope" : "loadtester"} rollback gate`
            : "failedChecks",
        ),
    retryBlocked ? disabled("retry", retryBlocked) : enabled("retry", "pod template annotation"),
    disabled("restart", `${notFlagger}: restart the target Deployment with kubectl rollout restart.`),
    enabled("setImage", "target Deployment patch"),
    disabled("undo", `${notFlagger}: set the previous image instead.`),
  ];
}
