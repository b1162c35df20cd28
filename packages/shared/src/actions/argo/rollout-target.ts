import type { Rollout } from "../../schemas/argo/rollout";
import type { ObjectTarget } from "../action-plan";

export function rolloutTarget(rollout: Rollout): ObjectTarget {
  return { kind: "Rollout", namespace: rollout.metadata.namespace ?? "default", name: rollout.metadata.name };
}

/** A status-subresource merge patch with the plugin's fallback for controllers without the subresource. */
export function statusPatch(rollout: Rollout, status: Record<string, unknown>, fallbackExtra: Record<string, unknown> = {}) {
  return {
    type: "patch" as const,
    target: rolloutTarget(rollout),
    subresource: "status" as const,
    patchType: "merge" as const,
    body: { status },
    fallbackWithoutSubresource: { ...fallbackExtra, status },
  };
}

export function specPatch(rollout: Rollout, spec: Record<string, unknown>) {
  return { type: "patch" as const, target: rolloutTarget(rollout), patchType: "merge" as const, body: { spec } };
}
