// Same-origin proxy to the Rollscope API: the browser only ever talks to this port. Bodies are
// streamed both ways, so tRPC subscriptions (Server-Sent Events) arrive as they are written. The API
// address is read at run time, so one build serves any API port.
import type { NextRequest } from "next/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const hopByHop = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
]);

function apiBase(): string {
  return process.env.ROLLSCOPE_API_URL ?? "http://127.0.0.1:3101";
}

async function proxy(request: NextRequest): Promise<Response> {
  const url = new URL(request.url);
  const target = `${apiBase()}${url.pathname}${url.search}`;
  const headers = new Headers();
  request.headers.forEach((value, key) => {
    if (!hopByHop.has(key)) headers.set(key, value);
  });
  headers.set("x-forwarded-host", url.host);
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: request.method === "GET" || request.method === "HEAD" ? undefined : request.body,
      signal: request.signal,
      // Required by Node's fetch to stream a request body.
      duplex: "half",
    } as RequestInit & { duplex: "half" });
  } catch (error) {
    const message = `The Rollscope API at ${apiBase()} cannot be reached (${(error as Error).message}). Is it running?`;
    return Response.json(
      { error: { message, code: -32603, data: { code: "SERVICE_UNAVAILABLE", httpStatus: 502 } } },
      { status: 502 },
    );
  }
  const responseHeaders = new Headers();
  upstream.headers.forEach((value, key) => {
    if (!hopByHop.has(key) && key !== "content-encoding") responseHeaders.set(key, value);
  });
  if (upstream.headers.get("content-type")?.includes("text/event-stream")) {
    responseHeaders.set("cache-control", "no-cache, no-transform");
    responseHeaders.set("x-accel-buffering", "no");
  }
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: responseHeaders,
  });
}

export const GET = proxy;
export const POST = proxy;
export const HEAD = proxy;
export const DELETE = proxy;
