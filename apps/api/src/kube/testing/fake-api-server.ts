// A small kube-apiserver stand-in on 127.0.0.1 for the kube source's tests. It speaks the parts of
// the protocol Rollscope uses, the way the real server does: bearer auth, discovery, paged lists
// with resourceVersion, chunked newline-delimited watch streams (resume from a resourceVersion, 410
// Gone once compacted, clean ends and abrupt disconnects), merge/JSON PATCH by Content-Type with a
// status subresource, RBAC 403s, impersonation (Impersonate-User/-Group, refused when not allowed),
// SelfSubjectAccessReview (answered for the impersonated user), SubjectAccessReview,
// SelfSubjectReview, Event creation and the service proxy.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type KnownKind, kindResources } from "@rollscope/shared";
import {
  discoveryReply,
  findKind,
  listReply,
  notFound,
  patchReply,
  type Reply,
  statusBody,
  statusReply,
} from "./fake-api-replies";
import { FakeClusterState, type RawObject } from "./fake-cluster-state";

export type { Reply } from "./fake-api-replies";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: string;
  /** Every header as sent, lower-cased, repeated ones as separate values. */
  headers: Record<string, string[]>;
}

/** Whom a request or an access review is about. */
export interface Subject {
  user: string;
  groups: string[];
}

interface Request extends RecordedRequest {
  parts: string[];
  subject: Subject;
}

/** The identity the fake server's bearer token authenticates. */
export const tokenUser = "rollscope";

export class FakeApiServer {
  readonly state = new FakeClusterState();
  readonly requests: RecordedRequest[] = [];
  token = "test-token";
  /** CRD group/versions served; remove one to play a cluster without that controller. */
  readonly groups = new Set(["argoproj.io/v1alpha1", "flagger.app/v1beta1", "networking.istio.io/v1beta1"]);
  /** Kinds whose `/status` subresource exists. */
  readonly statusSubresource = new Set<KnownKind>([
    "Rollout",
    "Canary",
    "Deployment",
    "AnalysisRun",
    "Experiment",
  ]);
  /** RBAC denials, as "verb resource[/subresource]", e.g. "patch rollouts/status". */
  readonly forbidden = new Set<string>();
  /** Largest page a list returns, whatever limit was asked (servers may return fewer). */
  maxPageSize = 500;
  /** Answers access reviews: SelfSubjectAccessReview for the (impersonated) caller, SubjectAccessReview for its spec. */
  allowAccess: (attributes: Record<string, unknown>, subject: Subject) => boolean = () => true;
  /** Whether the token's user may impersonate; when not, impersonated requests get the real 403. */
  impersonationAllowed = true;
  /** SelfSubjectReview's userInfo; undefined plays an API server that does not serve it (404). */
  selfSubject: { username: string; groups: string[] } | undefined = {
    username: "kubernetes-admin",
    groups: ["kubeadm:cluster-admins", "system:authenticated"],
  };
  proxyReply: Reply = { status: 202 };
  private readonly scripted: Array<Reply & { method: string; path: string }> = [];
  private readonly streams = new Set<ServerResponse>();
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens on a free port, or on the same port again after stop(). */
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

  /** Answers the next request with this method and path with `reply`. */
  replyOnce(method: string, path: string, reply: Reply): void {
    this.scripted.push({ method, path, ...reply });
  }

  /** Ends open watches cleanly, as the server does when a watch's timeoutSeconds runs out. */
  endWatches(): void {
    for (const res of this.streams) res.end();
    this.streams.clear();
  }

  /** Destroys the sockets of open watches mid-stream. */
  dropWatches(): void {
    for (const res of this.streams) res.socket?.destroy();
  }

  /** Compacts, then ends every open watch with a 410 Gone ERROR event, as the real server does. */
  expireWatches(): void {
    this.state.compact();
    const gone = statusBody(410, "Expired", "too old resource version");
    for (const res of this.streams) res.end(`${JSON.stringify({ type: "ERROR", object: gone })}\n`);
    this.streams.clear();
  }

  requestsTo(method: string, pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    let body = "";
    for await (const chunk of req) body += chunk;
    const headers = req.headersDistinct as Record<string, string[]>;
    const impersonated = headers["impersonate-user"]?.[0];
    const request: Request = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      contentType: req.headers["content-type"],
      body,
      headers,
      parts: url.pathname.split("/").filter(Boolean).map(decodeURIComponent),
      subject: impersonated
        ? { user: impersonated, groups: headers["impersonate-group"] ?? [] }
        : { user: tokenUser, groups: ["system:authenticated"] },
    };
    const { parts, subject, ...recorded } = request;
    this.requests.push(recorded);
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return send(res, statusReply(401, "Unauthorized", "Unauthorized"));
    }
    if (impersonated && !this.impersonationAllowed) {
      const message = `users "${impersonated}" is forbidden: User "${tokenUser}" cannot impersonate resource "users" in API group "" at the cluster scope`;
      return send(res, statusReply(403, "Forbidden", message));
    }
    const scripted = this.scripted.findIndex((s) => s.method === request.method && s.path === request.path);
    const reply = scripted >= 0 ? this.scripted.splice(scripted, 1)[0] : this.route(request, res);
    if (reply) send(res, reply);
  }

  /** A reply, or undefined when the request became a watch stream. */
  private route(request: Request, res: ServerResponse): Reply | undefined {
    const [root, ...rest] = request.parts;
    const [group = "", version, ...tail] = root === "api" ? ["", ...rest] : rest;
    if (!version) return notFound;
    if (group === "authorization.k8s.io" && request.method === "POST") {
      const review = JSON.parse(request.body) as {
        spec?: { resourceAttributes?: Record<string, unknown>; user?: string; groups?: string[] };
      };
      const attributes = review.spec?.resourceAttributes ?? {};
      if (tail[0] === "selfsubjectaccessreviews") {
        return {
          status: 201,
          body: { ...review, status: { allowed: this.allowAccess(attributes, request.subject) } },
        };
      }
      if (tail[0] === "subjectaccessreviews") {
        const subject = { user: review.spec?.user ?? "", groups: review.spec?.groups ?? [] };
        return {
          status: 201,
          body: { ...review, status: { allowed: this.allowAccess(attributes, subject) } },
        };
      }
    }
    if (group === "authentication.k8s.io" && tail[0] === "selfsubjectreviews" && request.method === "POST") {
      if (!this.selfSubject) return notFound;
      const review = JSON.parse(request.body) as object;
      return { status: 201, body: { ...review, status: { userInfo: this.selfSubject } } };
    }
    if (group && group !== "apps" && !this.groups.has(`${group}/${version}`)) return notFound;
    if (tail.length === 0) return discoveryReply(group, version, this.statusSubresource);
    // namespaces/{ns}/{plural}[/{name}[/{subresource}[/...]]] or {plural}[/{name}[/{subresource}]]
    const namespaced = tail[0] === "namespaces" && tail.length >= 3;
    const namespace = namespaced ? (tail[1] ?? "") : "";
    const [plural = "", name, subresource] = namespaced ? tail.slice(2) : tail;
    if (group === "" && plural === "services" && subresource === "proxy" && request.method === "POST") {
      return (
        this.denied(request.subject, "create", "services", "services/proxy", "", namespace, name) ??
        this.proxyReply
      );
    }
    const kind = findKind(group, version, plural);
    if (!kind) return notFound;
    return this.serve(request, kind, namespace, name, subresource, res);
  }

  private serve(
    { method, query, contentType, body, subject }: Request,
    kind: KnownKind,
    namespace: string,
    name: string | undefined,
    subresource: string | undefined,
    res: ServerResponse,
  ): Reply | undefined {
    const { plural, group } = kindResources[kind];
    const watch = query.get("watch") === "true";
    const verb =
      method === "GET" ? (name ? "get" : watch ? "watch" : "list") : method === "PATCH" ? "patch" : "create";
    const resource = `${plural}${subresource ? `/${subresource}` : ""}`;
    const denial = this.denied(subject, verb, plural, resource, group, namespace, name);
    if (denial) return denial;
    if (verb === "watch") return this.watch(kind, namespace, query, res);
    if (verb === "list") return listReply(this.state, kind, namespace, query, this.maxPageSize);
    if (verb === "create" && kind === "Event" && !name) {
      return { status: 201, body: this.state.create("Event", JSON.parse(body) as RawObject) };
    }
    if (verb === "patch" && name) {
      if (subresource && !(subresource === "status" && this.statusSubresource.has(kind))) return notFound;
      return patchReply(this.state, kind, namespace, name, contentType, body);
    }
    return statusReply(405, "MethodNotAllowed", `${method} is not supported here`);
  }

  private denied(
    subject: Subject,
    verb: string,
    plural: string,
    resource: string,
    group: string,
    namespace: string,
    name?: string,
  ) {
    if (!this.forbidden.has(`${verb} ${resource}`)) return undefined;
    const where = namespace ? ` in the namespace "${namespace}"` : " at the cluster scope";
    const qualified = `${plural}${group ? `.${group}` : ""}${name ? ` "${name}"` : ""}`;
    const message = `${qualified} is forbidden: User "${subject.user}" cannot ${verb} resource "${resource}" in API group "${group}"${where}`;
    return statusReply(403, "Forbidden", message);
  }

  private watch(kind: KnownKind, namespace: string, query: URLSearchParams, res: ServerResponse): undefined {
    res.writeHead(200, { "content-type": "application/json" });
    res.flushHeaders();
    // An ended stream stays subscribed until its socket closes; nothing more may be written to it.
    const write = (type: string, object: unknown) => {
      if (!res.writableEnded) res.write(`${JSON.stringify({ type, object })}\n`);
    };
    const filter = {
      namespace,
      labelSelector: query.get("labelSelector") ?? "",
      fieldSelector: query.get("fieldSelector") ?? "",
    };
    const stop = this.state.watch({ kind, filter, send: write }, query.get("resourceVersion") ?? undefined);
    if (stop === false) {
      write("ERROR", statusBody(410, "Expired", "too old resource version"));
      res.end();
      return undefined;
    }
    this.streams.add(res);
    res.on("close", () => {
      stop();
      this.streams.delete(res);
    });
    return undefined;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const text =
    typeof reply.body === "string" ? reply.body : reply.body === undefined ? "" : JSON.stringify(reply.body);
  const contentType =
    reply.contentType ??
    (reply.body === undefined
      ? undefined
      : typeof reply.body === "string"
        ? "text/plain"
        : "application/json");
  res.writeHead(reply.status, contentType ? { "content-type": contentType } : {});
  res.end(text);
}
