// Retry a failed Flagger canary: change the target Deployment's pod template (an annotation) so Flagger
// detects a new revision and starts a fresh analysis.
import { flaggerPhase } from "../../flagger/canary-phase";
import type { Canary } from "../../schemas/flagger/canary";
import type { PlanResult } from "../action-plan";
import { rfc3339Seconds } from "../argo/restart";
import { canaryWorkloadTarget } from "./canary-target";

export const retryAnnotation = "rollscope.dev/retried-at";

export function canaryRetryBlockedReason(canary: Canary): string | undefined {
  if (flaggerPhase(canary) !== "Failed") return "Retry is for failed canaries.";
  return undefined;
}

export function planCanaryRetry(canary: Canary, now: Date): PlanResult {
  const blocked = canaryRetryBlockedReason(canary);
  if (blocked) return { ok: false, reason: blocked };
  const at = rfc3339Seconds(now);
  const target = canaryWorkloadTarget(canary);
  return {
    ok: true,
    plan: {
      action: "retry",
      lever: "pod template annotation",
      description: `Retry: set annotation ${retryAnnotation}=${at} on the pod template of Deployment ${target.name}; Flagger sees a new revision and starts the analysis again.`,
      requests: [
        {
          type: "patch",
          target,
          patchType: "merge",
          body: { spec: { template: { metadata: { annotations: { [retryAnnotation]: at } } } } },
        },
      ],
    },
  };
}
