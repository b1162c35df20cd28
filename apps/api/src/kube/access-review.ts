// "May Rollscope do this?" answered by the API server (SelfSubjectAccessReview), cached briefly:
// the UI asks for every action button of every delivery, and RBAC rarely changes within seconds.
import type { AuthorizationV1Api } from "@kubernetes/client-node";
import type { AccessCheck } from "../cluster/cluster-source";
import { toClusterRequestError } from "./kube-errors";
import { timeoutOptions } from "./request-options";

export class AccessReviewer {
  private readonly answers = new Map<string, { allowed: boolean; expires: number }>();
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(
    private readonly api: AuthorizationV1Api,
    private readonly ttlMs: number,
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Rejects with a ClusterRequestError when the review itself cannot be made. */
  canI(check: AccessCheck): Promise<boolean> {
    const key = JSON.stringify([
      check.verb,
      check.group,
      check.resource,
      check.subresource ?? "",
      check.namespace ?? "",
    ]);
    const cached = this.answers.get(key);
    if (cached && cached.expires > this.now()) return Promise.resolve(cached.allowed);
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const review = this.review(check)
      .then((allowed) => {
        this.answers.set(key, { allowed, expires: this.now() + this.ttlMs });
        return allowed;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, review);
    return review;
  }

  clear(): void {
    this.answers.clear();
  }

  private async review(check: AccessCheck): Promise<boolean> {
    try {
      const result = await this.api.createSelfSubjectAccessReview(
        {
          body: {
            apiVersion: "authorization.k8s.io/v1",
            kind: "SelfSubjectAccessReview",
            spec: {
              resourceAttributes: {
                verb: check.verb,
                group: check.group,
                resource: check.resource,
                ...(check.subresource ? { subresource: check.subresource } : {}),
                ...(check.namespace ? { namespace: check.namespace } : {}),
              },
            },
          },
        },
        timeoutOptions(this.timeoutMs),
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
