// Set image on a Flagger canary: patch the target Deployment, never `<name>-primary` (Flagger owns it).
import type { Canary } from "../../schemas/flagger/canary";
import type { Deployment } from "../../schemas/kube/deployment";
import type { PlanResult } from "../action-plan";
import { type SetImageInput, setImagePlan } from "../shared/container-image-patch";
import { canaryWorkloadTarget } from "./canary-target";

export function planCanarySetImage(
  canary: Canary,
  input: SetImageInput,
  target: Deployment | undefined,
): PlanResult {
  const ref = canaryWorkloadTarget(canary);
  if (!target || target.metadata.name !== ref.name) {
    return { ok: false, reason: `The canary's target Deployment "${ref.name}" was not found.` };
  }
  return setImagePlan(
    ref,
    target.spec?.template,
    input,
    `Deployment ${ref.name} (Flagger starts a new analysis)`,
  );
}
