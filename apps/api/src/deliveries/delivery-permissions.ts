// What the identity Rollscope runs as may do to a delivery, from SelfSubjectAccessReview, folded into
// the Delivery's action availability so buttons are disabled with the reason.
import type { ActionAvailability, ActionName, Delivery } from "@rollscope/shared";
import { describeAccess } from "../actions/access";
import type { AccessCheck, ClusterSource } from "../cluster/cluster-source";

function checksFor(d: Delivery, action: ActionName, workloadRef: boolean): AccessCheck[] {
  const ns = d.ref.namespace;
  const rollouts = { group: "argoproj.io", resource: "rollouts", namespace: ns };
  const canaries = { group: "flagger.app", resource: "canaries", namespace: ns };
  const deployments = { verb: "patch" as const, group: "apps", resource: "deployments", namespace: ns };
  if (d.controller === "argo") {
    switch (action) {
      case "promote":
      case "promoteFull":
        return [
          { verb: "patch", ...rollouts, subresource: "status" },
          { verb: "patch", ...rollouts },
        ];
      case "abort":
      case "retry":
        return [{ verb: "patch", ...rollouts, subresource: "status" }];
      case "setImage":
        return [workloadRef ? deployments : { verb: "patch", ...rollouts }];
      default:
        return [{ verb: "patch", ...rollouts }];
    }
  }
  const lever = d.actions.find((a) => a.action === action)?.lever ?? "";
  if (lever.includes("loadtester"))
    return [{ verb: "create", group: "", resource: "services", subresource: "proxy", namespace: ns }];
  if (lever.includes("Rollscope")) return [];
  switch (action) {
    case "promote":
      return [{ verb: "patch", ...canaries }];
    case "abort":
      return [{ verb: "patch", ...canaries, subresource: "status" }];
    default:
      return [deployments];
  }
}

export async function withPermissions(
  source: ClusterSource,
  d: Delivery,
  readOnlyReason: string | undefined,
  workloadRef: boolean,
): Promise<ActionAvailability[]> {
  return Promise.all(
    d.actions.map(async (a): Promise<ActionAvailability> => {
      if (!a.enabled) return a;
      if (readOnlyReason) return { action: a.action, enabled: false, reason: readOnlyReason };
      for (const check of checksFor(d, a.action, workloadRef)) {
        let allowed: boolean;
        try {
          allowed = await source.canI(check);
        } catch (error) {
          // The cluster is unreachable (or refuses reviews): the delivery is still shown from the
          // last known state, with its actions off until permissions can be checked again.
          const why = error instanceof Error ? error.message : String(error);
          return { action: a.action, enabled: false, reason: `Cannot check permissions now: ${why}` };
        }
        if (!allowed) {
          return {
            action: a.action,
            enabled: false,
            reason: `Not allowed: Rollscope's identity may not ${describeAccess(check)}.`,
          };
        }
      }
      return a;
    }),
  );
}
