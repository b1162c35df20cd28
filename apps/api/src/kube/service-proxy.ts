// Opening and closing flagger-loadtester gates: a POST with a JSON body through the API server's
// service proxy (`/api/v1/namespaces/{ns}/services/{name}[:port]/proxy{path}`), so Rollscope needs
// no network path of its own into the cluster. Made for an impersonated person, it is made as them.
import { HttpMethod } from "@kubernetes/client-node";
import type { ServiceProxyRequest } from "@rollscope/shared";
import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import type { Actor } from "@rollscope/shared/identity/actor";
import { sendingAs } from "./impersonation";
import { httpStatus, serverMessage, toClusterRequestError } from "./kube-errors";
import type { KubeHttp } from "./kube-http";

function codeFor(status: number): ClusterRequestError["code"] {
  if (status === 401 || status === 403) return "Forbidden";
  if (status === 404) return "NotFound";
  if (status === 409) return "Conflict";
  if (status === 400 || status === 422) return "Invalid";
  return "Unavailable";
}

/**
 * The path goes out with plain slashes, as kubectl sends it (each segment percent-encoded): the API
 * server would decode encoded slashes, but proxies in front of it may not. Backends such as the
 * flagger-loadtester answer 202 with no body.
 */
export async function postThroughServiceProxy(
  http: KubeHttp,
  request: ServiceProxyRequest,
  actor?: Actor,
): Promise<void> {
  const via = sendingAs(actor);
  const port = request.port === undefined || request.port === "" ? "" : `:${request.port}`;
  const target = `${request.namespace}/${request.service}${port}`;
  try {
    const path = request.path.replace(/^\/+/, "").split("/").map(encodeURIComponent).join("/");
    const service = encodeURIComponent(`${request.service}${port}`);
    await http.request(
      HttpMethod.POST,
      `/api/v1/namespaces/${encodeURIComponent(request.namespace)}/services/${service}/proxy/${path}`,
      { body: request.body, via },
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
