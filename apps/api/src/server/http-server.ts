// The API's HTTP server on loopback: tRPC (queries, mutations, SSE subscriptions) at /api/trpc,
// Rollscope's Flagger gate webhooks, health, readiness and Prometheus metrics.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type RollscopeGateScope, rollscopeGateScope } from "@rollscope/shared";
import { TRPCError } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { webhookPayloadSchema } from "../gates/gate-store";
import type { Services } from "../runtime/services";
import { appRouter } from "../trpc/root-router";
import type { Context } from "../trpc/trpc";
import { readBody } from "./read-body";
import { crossOriginReason, isAuthorised } from "./request-guard";
import { handleSession } from "./session";

export interface ServerOptions {
  authToken?: string | undefined;
  allowedOrigins: string[];
}

function send(res: ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8"): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
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
    return send(res, 400, "expected a JSON webhook payload");
  }
  const parsed = webhookPayloadSchema.safeParse(payload);
  if (!parsed.success)
    return send(res, 400, `invalid webhook payload: ${parsed.error.issues[0]?.message ?? ""}`);
  return services.gates.isOpen(scope, parsed.data) ? send(res, 200, "Approved") : send(res, 403, "Forbidden");
}

export function createApiServer(services: Services, options: ServerOptions): Server {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/api/trpc/",
    createContext: ({ req }): Context => {
      if (!isAuthorised(req, options.authToken)) {
        throw new TRPCError({
          code: "UNAUTHORIZED",
          message: "Sign in: send the Rollscope token as a bearer token or session cookie.",
        });
      }
      const crossOrigin = crossOriginReason(req, options.allowedOrigins);
      if (crossOrigin) throw new TRPCError({ code: "FORBIDDEN", message: `Refused: ${crossOrigin}.` });
      return {
        services,
        identity: options.authToken
          ? "token holder"
          : `local user (${req.socket.remoteAddress ?? "unknown"})`,
      };
    },
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        services.log.error({ err: error, path }, "procedure failed");
    },
  });
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    if (path === "/healthz") return send(res, 200, "ok");
    if (path === "/readyz") {
      const waiting = services.clusters
        .list()
        .filter((c) => !c.source.health().synced)
        .map((c) => c.source.name);
      return waiting.length === 0
        ? send(res, 200, "ready")
        : send(res, 503, `waiting for caches of: ${waiting.join(", ")}`);
    }
    if (path === "/metrics") {
      void services.metrics.registry
        .metrics()
        .then((text) => send(res, 200, text, services.metrics.registry.contentType));
      return;
    }
    const gate = path.startsWith("/api/gates/") ? rollscopeGateScope(path) : undefined;
    if (req.method === "POST" && gate) return void gateWebhook(services, gate, req, res);
    if (path === "/api/session") return void handleSession(req, res, options);
    // Sign-in and origin checks happen in createContext, so refusals reach every client as tRPC
    // errors (per call of a batch) with the message a person can act on.
    if (path.startsWith("/api/trpc/")) return trpc(req, res);
    return send(res, 404, "not found");
  });
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
