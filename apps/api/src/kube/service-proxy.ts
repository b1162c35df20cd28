// Opening and closing flagger-loadtester gates: a POST with a JSON body through the API server's
// service proxy (`/api/v1/namespaces/{ns}/services/{name}[:port]/proxy{path}`), so Rollscope needs
// no network path of its own into the cluster. Made for an impersonated person, it is made as them.
import type { CoreV1Api } from "@kubernetes/client-node";
import type { ServiceProxyRequest } from "@rollscope/shared";
import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import type { Actor } from "@rollscope/shared/identity/actor";
import { actingAs } from "./impersonation";
import { httpStatus, serverMessage, toClusterRequestError } from "./kube-errors";
import { serviceProxyPostOptions } from "./request-options";

function codeFor(status: number): ClusterRequestError["code"] {
  if (status === 401 || status === 403) return "Forbidden";
  if (status === 404) return "NotFound";
  if (status === 409) return "Conflict";
  if (status === 400 || status === 422) return "Invalid";
  return "Unavailable";
}

export async function postThroughServiceProxy(
  core: CoreV1Api,
  request: ServiceProxyRequest,
  timeoutMs: number,
  actor?: Actor,
): Promise<void> {
  const asActor = actingAs(actor);
  const port = request.port === undefined || request.port === "" ? "" : `:${request.port}`;
  const target = `${request.namespace}/${request.service}${port}`;
  try {
    await core.connectPostNamespacedServiceProxyWithPath(
      {
        name: `${request.service}${port}`,
        namespace: request.namespace,
        path: request.path.replace(/^\/+/, ""),
      },
      asActor(serviceProxyPostOptions(request.body, timeoutMs)),
    );
  } catch (err) {
    const status = httpStatus(err);
    if (status === undefined) {
      throw toClusterRequestError(err, {
        verb: "create",
        resource: "services/proxy",
        namespace: request.namespace,
      });
    }
    const text = serverMessage(err) ?? "(no response body)";
    throw new ClusterRequestError(
      `POST ${request.path} to service ${target} answered ${status}: ${text}`,
      codeFor(status),
      status,
    );
  }
}
