// What the person looking may do to a delivery, answered by the cluster (SelfSubjectAccessReview as
// them, or the action-verb review), folded into the Delivery's action availability so each button is
// disabled with the verb and resource that were refused.
import type { ActionAvailability, ActionName, Delivery } from "@rollscope/shared";
import type { AccessCheck, ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import type { Actor } from "@rollscope/shared/identity/actor";
import { actingPerson } from "../identity/acting-person";
import { type AuthorizeMode, authorize } from "../identity/authorize";

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

/**
 * Each enabled action, checked for this person the way the action itself will be (see authorize):
 * disabled, with the verb and resource the cluster refused, when they may not.
 */
export async function withPermissions(
  source: ClusterSource,
  d: Delivery,
  readOnlyReason: string | undefined,
  workloadRef: boolean,
  actor: Actor,
  mode: AuthorizeMode,
): Promise<ActionAvailability[]> {
  const person = await actingPerson(source, actor);
  const ownIdentity = person.actor.via === "kubeconfig" ? person.identity : undefined;
  return Promise.all(
    d.actions.map(async (a): Promise<ActionAvailability> => {
      if (!a.enabled) return a;
      if (readOnlyReason) return { action: a.action, enabled: false, reason: readOnlyReason };
      try {
        const answer = await authorize(
          source,
          person.actor,
          mode,
          {
            action: a.action,
            kind: d.ref.kind,
            namespace: d.ref.namespace,
            checks: checksFor(d, a.action, workloadRef),
          },
          ownIdentity,
        );
        return answer.allowed ? a : { action: a.action, enabled: false, reason: answer.reason };
      } catch (error) {
        // The cluster is unreachable (or refuses reviews): the delivery is still shown from the
        // last known state, with its actions off until permissions can be checked again.
        const why = error instanceof Error ? error.message : String(error);
        return { action: a.action, enabled: false, reason: `Cannot check permissions now: ${why}` };
      }
    }),
  );
}
