// "May Rollscope do this?" — or, for an impersonated person, "may they?" — answered by the API server
// (SelfSubjectAccessReview, made as that person so it answers for them), cached briefly per person.
import type { AuthorizationV1Api } from "@kubernetes/client-node";
import type { AccessCheck, AccessCheckAnyVerb } from "@rollscope/shared/cluster/cluster-source";
import { type Actor, actorKey } from "@rollscope/shared/identity/actor";
import { actingAs } from "./impersonation";
import { toClusterRequestError } from "./kube-errors";
import { timeoutOptions } from "./request-options";
import { ReviewCache } from "./review-cache";

/** A cache key for the question, without the asker. */
export function checkKey(check: AccessCheckAnyVerb): string {
  return JSON.stringify([
    check.verb,
    check.group,
    check.resource,
    check.subresource ?? "",
    check.namespace ?? "",
  ]);
}

/** The question as an access review's `resourceAttributes`. */
export function resourceAttributes(check: AccessCheckAnyVerb) {
  return {
    verb: check.verb,
    group: check.group,
    resource: check.resource,
    ...(check.subresource ? { subresource: check.subresource } : {}),
    ...(check.namespace ? { namespace: check.namespace } : {}),
  };
}

export class AccessReviewer {
  private readonly cache: ReviewCache;

  constructor(
    private readonly api: AuthorizationV1Api,
    ttlMs: number,
    private readonly timeoutMs: number,
    now: () => number = Date.now,
  ) {
    this.cache = new ReviewCache(ttlMs, now);
  }

  /** Rejects with a ClusterRequestError when the review itself cannot be made. */
  canI(check: AccessCheck, actor?: Actor): Promise<boolean> {
    // Everyone not impersonated shares Rollscope's own answers.
    const who = actor?.impersonate ? actorKey(actor) : "rollscope";
    return this.cache.answer(`${who} ${checkKey(check)}`, () => this.review(check, actor));
  }

  clear(): void {
    this.cache.clear();
  }

  private async review(check: AccessCheck, actor: Actor | undefined): Promise<boolean> {
    try {
      const result = await this.api.createSelfSubjectAccessReview(
        {
          body: {
            apiVersion: "authorization.k8s.io/v1",
            kind: "SelfSubjectAccessReview",
            spec: { resourceAttributes: resourceAttributes(check) },
          },
        },
        actingAs(actor)(timeoutOptions(this.timeoutMs)),
      );
      return result.status?.allowed === true;
    } catch (err) {
      throw toClusterRequestError(err, {
        verb: "create",
        resource: "selfsubjectaccessreviews.authorization.k8s.io",
      });
    }
  }
}
