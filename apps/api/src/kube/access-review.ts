// "May Rollscope do this?" — or, for an impersonated person, "may they?" — answered by the API server
// (SelfSubjectAccessReview, made as that person so it answers for them), cached briefly per person.
import { HttpMethod } from "@kubernetes/client-node";
import type { AccessCheck, AccessCheckAnyVerb } from "@rollscope/shared/cluster/cluster-source";
import { type Actor, actorKey } from "@rollscope/shared/identity/actor";
import { sendingAs } from "./impersonation";
import { toClusterRequestError } from "./kube-errors";
import type { KubeHttp } from "./kube-http";
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

/** Access reviews made to the API server, each answer kept for `ttlMs` per asker and question. */
export abstract class CachedAccessReviews {
  private readonly cache: ReviewCache;

  constructor(
    protected readonly http: KubeHttp,
    ttlMs: number,
    now: () => number = Date.now,
  ) {
    this.cache = new ReviewCache(ttlMs, now);
  }

  clear(): void {
    this.cache.clear();
  }

  /** `create` makes a review of the kind `resource` names; its failure is a ClusterRequestError. */
  protected answer(
    asker: string,
    check: AccessCheckAnyVerb,
    resource: string,
    create: () => Promise<{ status?: { allowed?: boolean } }>,
  ): Promise<boolean> {
    return this.cache.answer(`${asker} ${checkKey(check)}`, async () => {
      try {
        return (await create()).status?.allowed === true;
      } catch (err) {
        throw toClusterRequestError(err, { verb: "create", resource });
      }
    });
  }
}

export class AccessReviewer extends CachedAccessReviews {
  /** Rejects with a ClusterRequestError when the review itself cannot be made. */
  canI(check: AccessCheck, actor?: Actor): Promise<boolean> {
    // Everyone not impersonated shares Rollscope's own answers.
    const who = actor?.impersonate ? actorKey(actor) : "rollscope";
    const via = sendingAs(actor);
    return this.answer(who, check, "selfsubjectaccessreviews.authorization.k8s.io", () =>
      this.http.request(HttpMethod.POST, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", {
        body: {
          apiVersion: "authorization.k8s.io/v1",
          kind: "SelfSubjectAccessReview",
          spec: { resourceAttributes: resourceAttributes(check) },
        },
        via,
      }),
    );
  }
}
