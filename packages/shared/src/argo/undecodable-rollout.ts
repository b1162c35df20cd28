// What makes the Argo Rollouts controller and its kubectl plugin give up on a Rollout that the API
// server accepted: a pod-template quantity Go cannot decode, or a workloadRef to a Deployment that
// does not exist (`kubectl argo rollouts get` fails with `deployment.apps "x" not found`). Rollscope
// still shows the Rollout, and says why the controller cannot act on it.
import { undecodableQuantities } from "../kube/quantity";
import type { Rollout } from "../schemas/argo/rollout";
import type { Deployment } from "../schemas/kube/deployment";
import type { ObjectIssue } from "../schemas/parse";

/**
 * `workload`: the Deployment spec.workloadRef names, `null` when it was looked up and is not there,
 * undefined when nobody looked (then nothing is said about it).
 */
export function undecodableRolloutNotices(rollout: Rollout, workload?: Deployment | null): ObjectIssue[] {
  const issues = undecodableQuantities(rollout.spec.template, "spec.template");
  const ref = rollout.spec.workloadRef;
  if (ref?.name && workload === null) {
    issues.push({
      path: "spec.workloadRef.name",
      message:
        `names Deployment "${ref.name}", which does not exist in namespace "${rollout.metadata.namespace ?? "default"}": ` +
        "the controller cannot run this Rollout and `kubectl argo rollouts get` fails on it",
    });
  }
  return issues;
}
