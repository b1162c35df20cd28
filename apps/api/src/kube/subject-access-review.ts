// "May this person do this?" asked with Rollscope's own credentials (SubjectAccessReview), for the
// action-verbs mode: a team grants custom verbs such as `promote` on `rollouts.argoproj.io`, Rollscope
// asks before acting with its own service account. Cached briefly per person.

import { HttpMethod } from "@kubernetes/client-node";
import type { AccessCheckAnyVerb } from "@rollscope/shared/cluster/cluster-source";
import { type Actor, actorKey } from "@rollscope/shared/identity/actor";
import { CachedAccessReviews, resourceAttributes } from "./access-review";

const authenticatedGroup = "system:authenticated";

/**
 * The groups the API server would give this person. It adds `system:authenticated` to everyone who
 * signs in (and so to impersonated users); a SubjectAccessReview is taken as written, so the group is
 * added here, or rules bound to all signed-in users would not count.
 */
export function reviewedGroups(actor: Actor): string[] {
  if (actor.via === "anonymous" || actor.groups.includes(authenticatedGroup)) return [...actor.groups];
  return [...actor.groups, authenticatedGroup];
}

export class SubjectAccessReviewer extends CachedAccessReviews {
  /** Rejects with a ClusterRequestError when the review itself cannot be made. */
  reviewAccess(actor: Actor, check: AccessCheckAnyVerb): Promise<boolean> {
    return this.answer(actorKey(actor), check, "subjectaccessreviews.authorization.k8s.io", () =>
      this.http.request(HttpMethod.POST, "/apis/authorization.k8s.io/v1/subjectaccessreviews", {
        body: {
          apiVersion: "authorization.k8s.io/v1",
          kind: "SubjectAccessReview",
          spec: {
            user: actor.name,
            groups: reviewedGroups(actor),
            resourceAttributes: resourceAttributes(check),
          },
        },
      }),
    );
  }
}
