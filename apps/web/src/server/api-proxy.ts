// Forwards /api/* to the Rollscope API on loopback, streaming both ways so Server-Sent Events arrive
// as they are written. The forwarded headers are this server's own facts, never what a client sent:
// the Host the browser used, its address and the scheme; request bodies are bounded.
import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { lingerThenClose } from "@rollscope/shared/http/linger-close";

// Connections to the API are reused, and dropped after 30 s idle — before the API's own 65 s, so the
// proxy never sends on a connection the API is closing.
const apiAgent = new Agent({ keepAlive: true, timeout: 30_000 });

/** Largest request body forwarded: a tRPC batch of actions is a few KB. */
export const maxProxiedBodyBytes = 1024 * 1024;

const hopByHop = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "host",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "forwarded",
]);

function sendJsonError(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ error: { message, code: -32603, data: { httpStatus: status } } }));
}

export function proxyToApi(req: IncomingMessage, res: ServerResponse, apiUrl: string): void {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxProxiedBodyBytes) {
    res.setHeader("connection", "close");
    sendJsonError(res, 413, `The request body is larger than ${maxProxiedBodyBytes} bytes.`);
    lingerThenClose(req);
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(req.headers))
    if (value !== undefined && !hopByHop.has(key)) headers[key] = value;
  headers["x-forwarded-host"] = req.headers.host ?? "";
  headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
  headers["x-forwarded-proto"] = "http";

  const target = new URL(req.url ?? "/", apiUrl);
  const upstream = httpRequest(target, { method: req.method, headers, agent: apiAgent }, (answer) => {
    const out: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(answer.headers))
      if (value !== undefined && !hopByHop.has(key)) out[key] = value;
    if (String(answer.headers["content-type"] ?? "").includes("text/event-stream")) {
      out["cache-control"] = "no-cache, no-transform";
      out["x-accel-buffering"] = "no";
    }
    res.writeHead(answer.statusCode ?? 502, out);
    answer.pipe(res);
  });
  upstream.on("error", (error) =>
    sendJsonError(
      res,
      502,
      `The Rollscope API at ${apiUrl} cannot be reached (${error.message}). Is it running?`,
    ),
  );
  // The browser went away (a closed tab ends its event stream): stop the API's side too.
  res.on("close", () => upstream.destroy());

  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxProxiedBodyBytes) {
      upstream.destroy();
      res.setHeader("connection", "close");
      sendJsonError(res, 413, `The request body is larger than ${maxProxiedBodyBytes} bytes.`);
      lingerThenClose(req);
      return;
    }
    upstream.write(chunk);
  });
  req.on("end", () => upstream.end());
  req.on("error", () => upstream.destroy());
}
