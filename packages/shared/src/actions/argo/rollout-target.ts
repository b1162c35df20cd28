import type { Rollout } from "../../schemas/argo/rollout";
import type { ObjectTarget } from "../action-plan";

export function rolloutTarget(rollout: Rollout): ObjectTarget {
  return { kind: "Rollout", namespace: rollout.metadata.namespace ?? "default", name: rollout.metadata.name };
}

/**
 * A status-subresource merge patch. `fallback` is what the plugin sends to the main resource instead
 * when the status subresource answers NotFound (controllers older than v0.10); default: the same body.
 */
export function statusPatch(
  rollout: Rollout,
  status: Record<string, unknown>,
  fallback?: Record<string, unknown>,
) {
  return {
    type: "patch" as const,
    target: rolloutTarget(rollout),
    subresource: "status" as const,
    patchType: "merge" as const,
    body: { status },
    fallbackWithoutSubresource: fallback ?? { status },
  };
}

export function specPatch(rollout: Rollout, spec: Record<string, unknown>) {
  return {
    type: "patch" as const,
    target: rolloutTarget(rollout),
    patchType: "merge" as const,
    body: { spec },
  };
}
