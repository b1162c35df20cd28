// A small kube-apiserver stand-in on 127.0.0.1 for the kube source's tests. It speaks the parts of
// the protocol Rollscope uses, the way the real server does: bearer auth, discovery, paged lists
// with resourceVersion, chunked newline-delimited watch streams (resume from a resourceVersion, 410
// Gone once compacted, abrupt disconnects), merge/JSON PATCH by Content-Type with a status
// subresource, RBAC 403s, SelfSubjectAccessReview, Event creation and the service proxy.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type KnownKind, kindResources } from "@rollscope/shared";
import fastJsonPatch, { type Operation } from "fast-json-patch";
import mergePatch from "json-merge-patch";
import { FakeClusterState, type RawObject } from "./fake-cluster-state";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  contentType?: string;
}

interface Scripted extends Reply {
  method: string;
  path: string;
}

type Route = { kind: KnownKind; namespace?: string; name?: string; subresource?: string };

const allKinds = Object.keys(kindResources) as KnownKind[];

function findKind(group: string, version: string, plural: string): KnownKind | undefined {
  return allKinds.find((k) => {
    const r = kindResources[k];
    return r.group === group && r.version === version && r.plural === plural;
  });
}

export class FakeApiServer {
  readonly state = new FakeClusterState();
  readonly requests: RecordedRequest[] = [];
  token = "test-token";
  /** CRD group/versions served; remove one to play a cluster without that controller. */
  readonly groups = new Set(["argoproj.io/v1alpha1", "flagger.app/v1beta1", "networking.istio.io/v1beta1"]);
  /** Kinds whose `/status` subresource exists. */
  readonly statusSubresource = new Set<KnownKind>(["Rollout", "Canary", "Deployment", "AnalysisRun", "Experiment"]);
  /** RBAC denials, as "verb resource[/subresource]", e.g. "patch rollouts/status". */
  readonly forbidden = new Set<string>();
  /** Largest page a list returns, whatever limit was asked (servers may return fewer). */
  maxPageSize = 500;
  allowAccess: (attributes: Record<string, unknown>) => boolean = () => true;
  proxyReply: Reply = { status: 202 };
  private readonly scripted: Scripted[] = [];
  private readonly streams = new Set<ServerResponse>();
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and cuts every connection, like a crashed API server. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const res of this.streams) res.destroy();
    this.streams.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Answers the next matching request with `reply` instead of the normal behaviour. */
  replyOnce(method: string, path: string, reply: Reply): void {
    this.scripted.push({ method, path, ...reply });
  }

  /** Destroys the sockets of open watches mid-stream. */
  dropWatches(): void {
    for (const res of this.streams) res.socket?.destroy();
  }

  /** Compacts, then ends every open watch with a 410 Gone ERROR event, as the real server does. */
  expireWatches(): void {
    this.state.compact();
    for (const res of this.streams) {
      res.end(`${JSON.stringify({ type: "ERROR", object: statusBody(410, "Expired", "too old resource version") })}\n`);
    }
    this.streams.clear();
  }

  requestsTo(method: string, pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    let body = "";
    for await (const chunk of req) body += chunk;
    const method = req.method ?? "GET";
    const contentType = req.headers["content-type"];
    this.requests.push({ method, path: url.pathname, query: url.searchParams, contentType, body });
    if (req.headers.authorization !== `Bearer ${this.token}`) return send(res, statusReply(401, "Unauthorized", "Unauthorized"));
    const scripted = this.scripted.findIndex((s) => s.method === method && s.path === url.pathname);
    if (scripted >= 0) {
      const [reply] = this.scripted.splice(scripted, 1);
      if (reply) return send(res, reply);
    }
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const [root, ...rest] = parts;
    const [group, version, ...tail] = root === "api" ? ["", ...rest] : rest;
    if (!version) return send(res, statusReply(404, "NotFound", "the server could not find the requested resource"));
    if (group === "authorization.k8s.io" && tail[0] === "selfsubjectaccessreviews" && method === "POST") {
      const review = JSON.parse(body) as { spec?: { resourceAttributes?: Record<string, unknown> } };
      const allowed = this.allowAccess(review.spec?.resourceAttributes ?? {});
      return send(res, { status: 201, body: { ...review, status: { allowed } } });
    }
    if (group && !this.groups.has(`${group}/${version}`) && !["apps"].includes(group)) {
      return send(res, statusReply(404, "NotFound", "the server could not find the requested resource"));
    }
    if (tail.length === 0) return send(res, { status: 200, body: this.discovery(group ?? "", version) });
    // /api/v1/namespaces/{ns}/services/{name}/proxy/{path}
    if (group === "" && tail[0] === "namespaces" && tail[2] === "services" && tail[4] === "proxy" && method === "POST") {
      if (this.forbidden.has("create services/proxy")) {
        return send(res, statusReply(403, "Forbidden", `services "${tail[3]}" is forbidden: User "rollscope" cannot create resource "services/proxy" in API group "" in the namespace "${tail[1]}"`));
      }
      return send(res, this.proxyReply);
    }
    const route = this.route(group ?? "", version, tail);
    if (!route) return send(res, statusReply(404, "NotFound", "the server could not find the requested resource"));
    return this.serve(method, route, url.searchParams, contentType, body, res);
  }

  private discovery(group: string, version: string) {
    const kinds = allKinds.filter((k) => kindResources[k].group === group && kindResources[k].version === version);
    return {
      kind: "APIResourceList",
      apiVersion: "v1",
      groupVersion: `${group}/${version}`,
      resources: kinds.flatMap((k) => [
        { name: kindResources[k].plural, namespaced: kindResources[k].namespaced, kind: k, verbs: ["get", "list", "watch", "patch"] },
        ...(this.statusSubresource.has(k) ? [{ name: `${kindResources[k].plural}/status`, namespaced: true, kind: k, verbs: ["patch"] }] : []),
      ]),
    };
  }

  private route(group: string, version: string, tail: string[]): Route | undefined {
    let namespace: string | undefined;
    let rest = tail;
    if (rest[0] === "namespaces" && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const [plural = "", name, subresource] = rest;
    const kind = findKind(group, version, plural);
    return kind ? { kind, namespace, name, subresource } : undefined;
  }

  private serve(
    method: string,
    route: Route,
    query: URLSearchParams,
    contentType: string | undefined,
    body: string,
    res: ServerResponse,
  ): void {
    const { kind, namespace = "", name, subresource } = route;
    const { plural } = kindResources[kind];
    const verb =
      method === "GET" ? (name ? "get" : query.get("watch") === "true" ? "watch" : "list") : method === "PATCH" ? "patch" : "create";
    const resource = `${plural}${subresource ? `/${subresource}` : ""}`;
    if (this.forbidden.has(`${verb} ${resource}`)) {
      const where = namespace ? ` in the namespace "${namespace}"` : "";
      const apiGroup = kindResources[kind].group;
      return send(res, statusReply(403, "Forbidden",
        `${plural}${apiGroup ? `.${apiGroup}` : ""} "${name ?? ""}" is forbidden: User "rollscope" cannot ${verb} resource "${resource}" in API group "${apiGroup}"${where}`));
    }
    if (verb === "watch") return this.watch(kind, namespace, query, res);
    if (verb === "list") return this.list(kind, namespace, query, res);
    if (verb === "create" && kind === "Event" && !name) {
      return send(res, { status: 201, body: this.state.create("Event", JSON.parse(body) as RawObject) });
    }
    if (verb === "patch" && name) return this.patch(kind, namespace, name, subresource, contentType, body, res);
    return send(res, statusReply(405, "MethodNotAllowed", `${method} is not supported here`));
  }

  private list(kind: KnownKind, namespace: string, query: URLSearchParams, res: ServerResponse): void {
    const all = this.state.list(kind, {
      namespace,
      labelSelector: query.get("labelSelector") ?? "",
      fieldSelector: query.get("fieldSelector") ?? "",
    });
    const offset = Number(query.get("continue") ?? 0);
    const limit = Math.min(Number(query.get("limit") ?? all.length) || all.length, this.maxPageSize);
    const page = all.slice(offset, offset + limit);
    const more = offset + limit < all.length;
    // Like the real server, items of built-in kinds come without apiVersion and kind.
    const builtin = ["", "apps"].includes(kindResources[kind].group);
    const items = builtin ? page.map(({ apiVersion: _a, kind: _k, ...o }) => o) : page;
    send(res, {
      status: 200,
      body: {
        kind: `${kind}List`,
        apiVersion: "v1",
        metadata: { resourceVersion: this.state.resourceVersion, ...(more ? { continue: String(offset + limit) } : {}) },
        items,
      },
    });
  }

  private watch(kind: KnownKind, namespace: string, query: URLSearchParams, res: ServerResponse): void {
    res.writeHead(200, { "content-type": "application/json" });
    res.flushHeaders();
    const write = (type: string, object: unknown) => res.write(`${JSON.stringify({ type, object })}\n`);
    const filter = { namespace, labelSelector: query.get("labelSelector") ?? "", fieldSelector: query.get("fieldSelector") ?? "" };
    const stop = this.state.watch({ kind, filter, send: write }, query.get("resourceVersion") ?? undefined);
    if (stop === false) {
      write("ERROR", statusBody(410, "Expired", "too old resource version"));
      res.end();
      return;
    }
    this.streams.add(res);
    res.on("close", () => {
      stop();
      this.streams.delete(res);
    });
  }

  private patch(
    kind: KnownKind,
    namespace: string,
    name: string,
    subresource: string | undefined,
    contentType: string | undefined,
    body: string,
    res: ServerResponse,
  ): void {
    if (subresource && !(subresource === "status" && this.statusSubresource.has(kind))) {
      return send(res, statusReply(404, "NotFound", "the server could not find the requested resource"));
    }
    const current = this.state.get(kind, namespace, name);
    if (!current) return send(res, statusReply(404, "NotFound", `${kindResources[kind].plural} "${name}" not found`));
    let next: RawObject;
    if (contentType === "application/merge-patch+json") next = mergePatch.apply(current, JSON.parse(body)) as RawObject;
    else if (contentType === "application/json-patch+json") {
      next = fastJsonPatch.applyPatch(current, JSON.parse(body) as Operation[], false, false).newDocument;
    } else return send(res, statusReply(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json`));
    send(res, { status: 200, body: this.state.update(kind, namespace, name, () => next) });
  }
}

function statusBody(code: number, reason: string, message: string) {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
}

function statusReply(code: number, reason: string, message: string): Reply {
  return { status: code, body: statusBody(code, reason, message) };
}

function send(res: ServerResponse, reply: Reply): void {
  const text = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  const contentType = reply.contentType ?? (reply.body === undefined ? undefined : typeof reply.body === "string" ? "text/plain" : "application/json");
  res.writeHead(reply.status, contentType ? { "content-type": contentType } : {});
  res.end(text);
}
