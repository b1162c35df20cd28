// Set image on a Rollout: in spec.template, or in the Deployment its workloadRef points at.
import type { Rollout } from "../../schemas/argo/rollout";
import type { Deployment } from "../../schemas/kube/deployment";
import type { PlanResult } from "../action-plan";
import { type SetImageInput, setImagePlan } from "../shared/container-image-patch";
import { rolloutTarget } from "./rollout-target";

export function planRolloutSetImage(
  rollout: Rollout,
  input: SetImageInput,
  workload?: Deployment,
): PlanResult {
  const ref = rollout.spec.workloadRef;
  if (ref?.name) {
    if (!workload || workload.metadata.name !== ref.name) {
      return {
        ok: false,
        reason: `The rollout takes its pod template from ${ref.kind ?? "Deployment"} "${ref.name}", which was not found.`,
      };
    }
    const target = {
      kind: "Deployment" as const,
      namespace: rollout.metadata.namespace ?? "default",
      name: ref.name,
    };
    return setImagePlan(
      target,
      workload.spec?.template,
      input,
      `Deployment ${ref.name} (the rollout's workloadRef)`,
    );
  }
  return setImagePlan(
    rolloutTarget(rollout),
    rollout.spec.template,
    input,
    `Rollout ${rollout.metadata.name}`,
  );
}
