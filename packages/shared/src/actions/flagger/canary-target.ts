import type { Canary } from "../../schemas/flagger/canary";
import type { ObjectTarget } from "../action-plan";

export function canaryTarget(canary: Canary): ObjectTarget {
  return { kind: "Canary", namespace: canary.metadata.namespace ?? "default", name: canary.metadata.name };
}

/** The Deployment Flagger watches for new revisions (never the `-primary` copy). */
export function canaryWorkloadTarget(canary: Canary): ObjectTarget {
  return {
    kind: "Deployment",
    namespace: canary.metadata.namespace ?? "default",
    name: canary.spec.targetRef.name,
  };
}
