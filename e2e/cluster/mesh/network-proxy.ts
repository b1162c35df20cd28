// A stand-in for the cluster's DNS and pod network, for the processes that run on the host.
// Flagger calls webhook URLs such as http://flagger-loadtester.test/gate/check, and the API server's
// service proxy forwards to pod IPs that exist only on paper (kwok's pods). Both processes get
// HTTP_PROXY pointing here. A request for a Service goes to the host address in the Service's
// annotation `test.rollscope.dev/host-endpoint` (e.g. the real loadtester on 127.0.0.1:17082).
import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CoreV1Api, type KubeConfig } from "@kubernetes/client-node";

export const HOST_ENDPOINT_ANNOTATION = "test.rollscope.dev/host-endpoint";

export interface ServiceRef {
  namespace: string;
  name: string;
}

/**
 * Which Service a proxied request is for: the API server's service proxy says so in
 * X-Forwarded-Uri (its request line carries the API server's own host); any other client names it
 * in cluster DNS form, `<service>.<namespace>[.svc[.cluster.local]]`.
 */
export function serviceOf(url: URL, forwardedUri: string | undefined): ServiceRef | undefined {
  const viaApiServer = forwardedUri?.match(
    /^\/api\/v1\/namespaces\/([^/]+)\/services\/(?:https?:)?([^/:]+)(?::[^/]*)?\/proxy(?:\/|$)/,
  );
  if (viaApiServer?.[1] && viaApiServer[2]) return { namespace: viaApiServer[1], name: viaApiServer[2] };
  const labels = url.hostname.split(".");
  const rest = labels.slice(2).join(".");
  if (labels.length >= 2 && (rest === "" || rest === "svc" || rest === "svc.cluster.local")) {
    return { name: labels[0] ?? "", namespace: labels[1] ?? "" };
  }
  return undefined;
}

export class NetworkProxy {
  private readonly core: CoreV1Api;
  private readonly endpoints = new Map<string, { value: string | undefined; at: number }>();

  constructor(kubeConfig: KubeConfig) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  listen(port: number): Promise<{ port: number; close: () => Promise<void> }> {
    const server = createServer((req, res) => {
      this.forward(req, res).catch((error: unknown) => fail(res, 502, String(error)));
    });
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        resolve({
          port: (server.address() as AddressInfo).port,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
    });
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? "");
    } catch {
      return fail(res, 400, `not a proxy request (absolute URL expected): ${req.url}`);
    }
    const forwardedUri = req.headers["x-forwarded-uri"];
    const service = serviceOf(url, typeof forwardedUri === "string" ? forwardedUri : undefined);
    if (!service) return fail(res, 502, `${url.host} is not a cluster Service name (<service>.<namespace>)`);
    const endpoint = await this.hostEndpoint(service);
    if (!endpoint) {
      return fail(
        res,
        503,
        `Service ${service.namespace}/${service.name} has no ${HOST_ENDPOINT_ANNOTATION} annotation: nothing serves it`,
      );
    }
    const [host = "127.0.0.1", port = "80"] = endpoint.split(":");
    const upstream = request(
      {
        host,
        port: Number(port),
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => fail(res, 502, `${endpoint}: ${error.message}`));
    req.pipe(upstream);
  }

  /** The Service's host endpoint, looked up at most every two seconds. */
  private async hostEndpoint(ref: ServiceRef): Promise<string | undefined> {
    const key = `${ref.namespace}/${ref.name}`;
    const cached = this.endpoints.get(key);
    if (cached && Date.now() - cached.at < 2000) return cached.value;
    let value: string | undefined;
    try {
      const service = await this.core.readNamespacedService({ namespace: ref.namespace, name: ref.name });
      value = service.metadata?.annotations?.[HOST_ENDPOINT_ANNOTATION];
    } catch {
      value = undefined;
    }
    this.endpoints.set(key, { value, at: Date.now() });
    return value;
  }
}

function fail(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(`${message}\n`);
}
