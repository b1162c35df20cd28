// May this person do this? The cluster decides, one of two ways (--authorize-actions):
// - rbac: on the very requests the action sends — as the person, by impersonation, when they signed in
//   with OIDC; as the kubeconfig's own user in local mode; as Rollscope's identity for tokens;
// - verbs: a SubjectAccessReview for the person with the action's own verb (promote, abort, …) on the
//   Rollout or Canary, and then Rollscope's identity, which must be able to send the requests, acts.
import { type ActionName, actionVerbResource, actionVerbs } from "@rollscope/shared";
import type { AccessCheck, ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import type { Actor } from "@rollscope/shared/identity/actor";
import { describeAccess } from "../actions/access";

export type AuthorizeMode = "rbac" | "verbs";

export interface AuthorizeQuestion {
  action: ActionName;
  kind: "Rollout" | "Canary";
  namespace: string;
  /** The permissions the action's requests need. */
  checks: readonly AccessCheck[];
}

export type AuthorizeAnswer =
  | {
      allowed: true /** Send the requests as this actor (impersonating), or undefined for Rollscope's own. */;
      sendAs?: Actor;
    }
  | { allowed: false; reason: string };

/** Who a refusal names: the person the cluster judged. */
function judged(actor: Actor, ownIdentity: string | undefined): string {
  if (actor.impersonate) return actor.name;
  return ownIdentity ? ownIdentity : "Rollscope's identity";
}

/** Rejects only when the cluster cannot be asked (the caller says so instead of guessing). */
export async function authorize(
  source: ClusterSource,
  actor: Actor,
  mode: AuthorizeMode,
  question: AuthorizeQuestion,
  ownIdentity?: string,
): Promise<AuthorizeAnswer> {
  if (mode === "verbs" && actor.via === "oidc") {
    const verbCheck = {
      verb: actionVerbs[question.action],
      ...actionVerbResource(question.kind),
      namespace: question.namespace,
    };
    if (!(await source.reviewAccess(actor, verbCheck)))
      return { allowed: false, reason: `Not allowed: ${actor.name} may not ${describeAccess(verbCheck)}.` };
    for (const check of question.checks)
      if (!(await source.canI(check)))
        return {
          allowed: false,
          reason: `Not allowed: ${actor.name} may ${verbCheck.verb}, but Rollscope's identity may not ${describeAccess(check)}.`,
        };
    return { allowed: true };
  }
  for (const check of question.checks)
    if (!(await source.canI(check, actor)))
      return {
        allowed: false,
        reason: `Not allowed: ${judged(actor, ownIdentity)} may not ${describeAccess(check)}.`,
      };
  return actor.impersonate ? { allowed: true, sendAs: actor } : { allowed: true };
}
