// The dashboard's HTTP server: Next.js for pages, a streaming proxy for /api. Before either, every
// request must name a Host the dashboard is served as (a DNS-rebinding page cannot), and every answer
// carries the security headers; pages get a Content-Security-Policy whose nonce Next puts on its scripts.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type HostPolicy, hostRefusal } from "@rollscope/shared/http/host-policy";
import { apiSecurityHeaders, pageSecurityHeaders } from "@rollscope/shared/http/security-headers";
import { proxyToApi } from "./api-proxy";

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface WebServerOptions {
  hosts: HostPolicy;
  apiUrl: string;
  pages: PageHandler;
  dev?: boolean;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

export function createWebServer(options: WebServerOptions): Server {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const errorId = randomBytes(6).toString("hex");
      options.log?.("request failed", { errorId, err: String(error), path: req.url?.slice(0, 200) });
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end(`Internal error (id ${errorId}); the web server log has the details.`);
      } else res.destroy();
    });
  });
  // Idle keep-alive connections outlive the client's own idle timeout (browsers, undici: ~4-5 s), so the
  // client closes them first: with Node's 5 s default, a request sent as the server closes is reset.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const isApi = path === "/api" || path.startsWith("/api/");
    const refusal = hostRefusal(options.hosts, req.headers.host);
    if (refusal) {
      for (const [name, value] of Object.entries(apiSecurityHeaders())) res.setHeader(name, value);
      options.log?.("refused host", { host: req.headers.host?.slice(0, 200), path: path.slice(0, 200) });
      res.writeHead(403, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end(`Refused: ${refusal}.`);
      return;
    }
    if (isApi) {
      for (const [name, value] of Object.entries(apiSecurityHeaders())) res.setHeader(name, value);
      return proxyToApi(req, res, options.apiUrl);
    }
    const nonce = randomBytes(16).toString("base64");
    const headers = pageSecurityHeaders(nonce, options.dev);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Next reads the nonce from the request's policy and puts it on every script it renders.
    req.headers["content-security-policy"] = headers["content-security-policy"];
    await options.pages(req, res);
  }

  return server;
}
