// Per-request safety: bearer token or session cookie when a token is configured, and no mutation from
// another origin (a page elsewhere must not be able to promote through a person's browser).

import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const sessionCookie = "rollscope_token";

/** Constant-time comparison, so response times do not leak how much of a guess was right. */
export function tokensMatch(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...rest] = part.trim().split("=");
    if (k === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

export function isAuthorised(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ") && tokensMatch(auth.slice(7).trim(), token)) return true;
  const cookie = cookieValue(req.headers.cookie, sessionCookie);
  return cookie !== undefined && tokensMatch(cookie, token);
}

/** Why a state-changing request is rejected as cross-origin, or undefined when it may proceed. */
export function crossOriginReason(req: IncomingMessage, allowedOrigins: string[]): string | undefined {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return undefined;
  if (req.headers["sec-fetch-site"] === "cross-site") return "cross-site requests may not change anything";
  const origin = req.headers.origin;
  if (!origin) return undefined; // non-browser clients (curl, tests) send no Origin
  const host = req.headers["x-forwarded-host"] ?? req.headers.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `malformed Origin ${origin}`;
  }
  if (originHost === host || allowedOrigins.includes(origin)) return undefined;
  return `origin ${origin} may not change anything here`;
}
