// The API's HTTP server: tRPC at /api/trpc (queries and mutations; subscriptions as Server-Sent Events,
// written by subscription-events.ts), Rollscope's Flagger gate webhooks, sign-in, health, readiness,
// Prometheus metrics and the dashboard's pages. Every answer carries the security headers; every request
// but the machine endpoints must name a Host Rollscope is served as; no request can crash the process or
// see a stack trace.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type RollscopeGateScope, rollscopeGateScope } from "@rollscope/shared";
import { type HostPolicy, hostPolicy } from "@rollscope/shared/http/host-policy";
import { lingerThenClose } from "@rollscope/shared/http/linger-close";
import { apiSecurityHeaders } from "@rollscope/shared/http/security-headers";
import { describeActor } from "@rollscope/shared/identity/actor";
import { TRPCError } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { oidcCallbackPath, oidcLoginPath } from "../auth/oidc/oidc-paths";
import type { OidcSignIn } from "../auth/oidc/oidc-sign-in";
import type { NamedToken } from "../config/auth-token";
import { webhookPayloadSchema } from "../gates/gate-store";
import type { Services } from "../runtime/services";
import { appRouter } from "../trpc/root-router";
import type { Context } from "../trpc/trpc";
import { AuthThrottle } from "./auth-throttle";
import { clientAddress } from "./client-address";
import { compressAnswers } from "./compress-answers";
import { errorIdOf } from "./error-id";
import { readBody } from "./read-body";
import {
  type AuthMode,
  type AuthPolicy,
  authenticate,
  crossOriginReason,
  hostCheck,
  sessionCookieName,
} from "./request-guard";
import { handleSession } from "./session";
import { SessionStore } from "./session-store";
import type { StaticPages } from "./static-pages";
import { subscriptionEvents } from "./subscription-events";

const trpcBasePath = "/api/trpc/";

export interface ServerOptions {
  /** Default: token when tokens are given, else local. */
  authMode?: AuthMode;
  /** Bearer tokens (and token-mode sign-in); never logged. */
  tokens?: NamedToken[];
  /** Origins allowed to send changes besides the page's own (`--allowed-origin`). */
  allowedOrigins: string[];
  /** Extra names the dashboard is served as (`--allowed-host`), e.g. an ingress name. */
  allowedHosts?: string[];
  /** The port of the web server in front; its loopback names are accepted as the forwarded Host. */
  webPort?: number;
  /** Non-wildcard addresses the web server and API are bound to. */
  boundAddresses?: string[];
  /** Serve /metrics without the token (for a Prometheus that cannot send one). */
  metricsPublic?: boolean;
  /** What this Rollscope exposes without a token, shown in the UI header. */
  exposure?: string[];
  sessions?: SessionStore;
  throttle?: AuthThrottle;
  /** Sign-in with the OpenID provider (--auth oidc), sharing `sessions`. */
  oidc?: OidcSignIn;
  /** The dashboard's pages (--web-dir): served to anyone who names an allowed Host; they hold no data. */
  pages?: StaticPages;
}

/** Largest request body accepted: a tRPC batch of actions is a few KB. */
export const maxRequestBodyBytes = 1024 * 1024;

function send(res: ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8"): void {
  // A request whose body was not read to the end cannot share its connection with the next one.
  const unread = !res.req.complete;
  if (unread) res.setHeader("connection", "close");
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
  if (unread) lingerThenClose(res.req);
}

/** Flagger webhook: 200 lets the canary through, 403 holds it (as the loadtester answers). */
async function gateWebhook(
  services: Services,
  scope: RollscopeGateScope,
  req: IncomingMessage,
  res: ServerResponse,
) {
  let payload: unknown;
  try {
    payload = JSON.parse(await readBody(req));
  } catch {
    return send(res, 400, "expected a JSON webhook payload of at most 64 KiB");
  }
  const parsed = webhookPayloadSchema.safeParse(payload);
  if (!parsed.success)
    return send(res, 400, `invalid webhook payload: ${parsed.error.issues[0]?.message ?? ""}`);
  // Read from the shared store on every call: a decision made through any replica counts here. A store
  // that cannot answer fails the request (500), which Flagger takes as "not yet": the gate stays shut.
  const open = await services.gates.isOpen(scope, parsed.data);
  return open ? send(res, 200, "Approved") : send(res, 403, "Forbidden");
}

export function createApiServer(services: Services, options: ServerOptions): Server {
  const tokens = options.tokens ?? [];
  const auth: AuthPolicy = {
    mode: options.authMode ?? (tokens.length > 0 ? "token" : "local"),
    tokens,
    sessions: options.sessions ?? new SessionStore(services.store),
    throttle: options.throttle ?? new AuthThrottle(),
    cookieName: sessionCookieName(options.webPort ?? "api"),
    log: services.log,
  };
  const createContext = async (req: IncomingMessage): Promise<Context> => {
    const who = await authenticate(req, auth);
    if (!who.ok)
      throw new TRPCError({
        code: who.status === 429 ? "TOO_MANY_REQUESTS" : "UNAUTHORIZED",
        message: who.reason,
      });
    const crossOrigin = crossOriginReason(req, options.allowedOrigins);
    if (crossOrigin) throw new TRPCError({ code: "FORBIDDEN", message: `Refused: ${crossOrigin}.` });
    return { services, actor: who.actor, identity: describeActor(who.actor) };
  };
  const onError = (error: TRPCError, path: string | undefined) => {
    if (error.code === "INTERNAL_SERVER_ERROR")
      services.log.error({ err: error, path, errorId: errorIdOf(error) }, "procedure failed");
  };
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: trpcBasePath,
    maxBodySize: maxRequestBodyBytes,
    middleware: compressAnswers,
    createContext: ({ req }) => createContext(req),
    onError: ({ error, path }) => onError(error, path),
  });
  const subscriptions = subscriptionEvents({
    router: appRouter,
    basePath: trpcBasePath,
    createContext,
    onError,
    middleware: compressAnswers,
  });

  let hosts: HostPolicy | undefined;
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const errorId = errorIdOf(error);
      services.log.error({ err: error, errorId, path: req.url?.slice(0, 200) }, "request failed");
      if (!res.headersSent) send(res, 500, `Internal error (id ${errorId}); the API log has the details.`);
      else res.destroy();
    });
  });
  // Idle keep-alive connections outlive the client's own idle timeout (browsers, undici, a proxy in
  // front: 4-30 s), so the client closes them first and no request races a closing connection.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // A malformed request line or header is answered, not thrown.
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });

  const hostPolicyOf = (): HostPolicy => {
    if (hosts) return hosts;
    const address = server.address();
    const ownPort = typeof address === "object" && address ? address.port : 0;
    hosts = hostPolicy({
      ports: options.webPort ? [ownPort, options.webPort] : [ownPort],
      boundAddresses: options.boundAddresses ?? [],
      allowedHosts: options.allowedHosts ?? [],
    });
    return hosts;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(apiSecurityHeaders())) res.setHeader(name, value);
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    // Machine endpoints: kubelet probes and Flagger's webhooks use whatever name reaches the pod; they
    // change nothing and reveal no object.
    if (path === "/healthz") return send(res, 200, "ok");
    if (path === "/readyz") {
      const waiting = services.clusters.list().filter((c) => !c.source.health().synced).length;
      return waiting === 0
        ? send(res, 200, "ready")
        : send(res, 503, `waiting for ${waiting} cluster cache(s)`);
    }
    const gate = path.startsWith("/api/gates/") ? rollscopeGateScope(path) : undefined;
    if (req.method === "POST" && gate) return gateWebhook(services, gate, req, res);
    if (path === "/metrics" && options.metricsPublic) return sendMetrics(res);

    if (Number(req.headers["content-length"] ?? 0) > maxRequestBodyBytes) {
      return send(res, 413, `Refused: the request body is larger than ${maxRequestBodyBytes} bytes.`);
    }
    const badHost = hostCheck(req, hostPolicyOf());
    if (badHost) {
      services.log.warn({ host: req.headers.host?.slice(0, 200), path: path.slice(0, 200) }, "refused host");
      return send(res, 403, `Refused: ${badHost}.`);
    }
    if (path === "/metrics") {
      const who = await authenticate(req, auth);
      if (!who.ok) return send(res, who.status, who.reason);
      return sendMetrics(res);
    }
    if (options.oidc && (path === oidcLoginPath || path === oidcCallbackPath))
      return signInWithProvider(options.oidc, path === oidcLoginPath ? "start" : "callback", req, res);
    if (path === "/api/session")
      return handleSession(req, res, {
        auth,
        allowedOrigins: options.allowedOrigins,
        exposure: options.exposure ?? [],
      });
    // Sign-in and origin checks happen in createContext, so refusals reach every client as tRPC
    // errors (per call of a batch) with the message a person can act on.
    const subscription = subscriptions.match(req, path);
    if (subscription) return subscriptions.serve(req, res, subscription);
    if (path.startsWith(trpcBasePath)) return trpc(req, res);
    if (options.pages?.serve(req, res, path)) return;
    return send(res, 404, "not found");
  }

  /** The provider round trip, throttled per client like token sign-ins: each failed callback counts. */
  async function signInWithProvider(
    oidc: OidcSignIn,
    step: "start" | "callback",
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const client = clientAddress(req);
    const wait = auth.throttle.retryAfterSeconds(client);
    if (wait > 0) {
      res.setHeader("retry-after", String(wait));
      return send(res, 429, `Too many failed sign-in attempts from this address: try again in ${wait} s.`);
    }
    if (step === "start") return oidc.start(req, res);
    await oidc.callback(req, res);
    if (res.statusCode >= 400) auth.throttle.fail(client);
    else auth.throttle.succeed(client);
  }

  async function sendMetrics(res: ServerResponse): Promise<void> {
    const text = await services.metrics.registry.metrics();
    send(res, 200, text, services.metrics.registry.contentType);
  }

  return server;
}

/** Listens, turning a busy port into one line that names it and the flag to change it. */
export function listen(server: Server, host: string, port: number, flag = "--port"): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE")
        reject(new Error(`port ${port} on ${host} is already in use: choose another with ${flag} N`));
      else reject(error);
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
