// Which RBAC permission each request of a plan needs, checked with SelfSubjectAccessReview so a denied
// action is refused up front with the verb and resource, and buttons can be disabled.
import { type ActionRequest, kindResources } from "@rollscope/shared";
import type {
  AccessCheck,
  AccessCheckAnyVerb,
  ClusterSource,
} from "@rollscope/shared/cluster/cluster-source";

export function accessFor(request: ActionRequest): AccessCheck | undefined {
  if (request.type === "patch") {
    const r = kindResources[request.target.kind];
    return {
      verb: "patch",
      group: r.group,
      resource: r.plural,
      ...(request.subresource ? { subresource: request.subresource } : {}),
      namespace: request.target.namespace,
    };
  }
  if (request.type === "serviceProxy") {
    return {
      verb: "create",
      group: "",
      resource: "services",
      subresource: "proxy",
      namespace: request.namespace,
    };
  }
  return undefined;
}

export function describeAccess(check: AccessCheckAnyVerb): string {
  const resource = `${check.resource}${check.group ? `.${check.group}` : ""}${check.subresource ? `/${check.subresource}` : ""}`;
  return `${check.verb} ${resource}${check.namespace ? ` in namespace ${check.namespace}` : ""}`;
}

/** The first permission the plan lacks, or undefined when every request is allowed. */
export async function missingAccess(
  source: ClusterSource,
  requests: ActionRequest[],
): Promise<AccessCheck | undefined> {
  for (const request of requests) {
    const check = accessFor(request);
    if (check && !(await source.canI(check))) return check;
  }
  return undefined;
}
