// Who a request comes from, when a token is configured: a bearer token (scripts) or a session cookie
// (browsers, which sign in once with the token). Failures are throttled per client and logged without
// the secret. Also the Host and same-origin checks, on the address the browser really used.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { type HostPolicy, hostRefusal } from "@rollscope/shared/http/host-policy";
import { crossOriginRefusal } from "@rollscope/shared/http/same-origin";
import { type Actor, tokenActorNamed } from "@rollscope/shared/identity/actor";
import type { NamedToken } from "../config/auth-token";
import type { Logger } from "../observability/logger";
import type { AuthThrottle } from "./auth-throttle";
import { clientAddress } from "./client-address";
import { cookieValue } from "./cookies";
import type { SessionStore } from "./session-store";

/** Constant-time comparison, so response times do not leak how much of a guess was right. */
export function tokensMatch(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** A port-proof cookie name: two Rollscopes on one host (cookies ignore ports) keep their own. */
export function sessionCookieName(webPort: number | string): string {
  return `rollscope_session_${webPort}`;
}

export type AuthMode = "local" | "token" | "oidc";

export interface AuthPolicy {
  mode: AuthMode;
  /** Bearer tokens for scripts (and, in token mode, the browser sign-in). */
  tokens: readonly NamedToken[];
  sessions: SessionStore;
  throttle: AuthThrottle;
  cookieName: string;
  log: Logger;
}

export type Authentication =
  | { ok: true; actor: Actor }
  | { ok: false; status: 401 | 429; reason: string; retryAfterSeconds?: number };

/** Without sign-in, whoever the kubeconfig says acts (each cluster names them; see resolve-actor). */
export const localActor: Actor = { name: "local user", groups: [], via: "kubeconfig", impersonate: false };
/** The token a secret belongs to; every token is compared, so timing says nothing about which. */
export function matchingToken(tokens: readonly NamedToken[], presented: string): NamedToken | undefined {
  let found: NamedToken | undefined;
  for (const token of tokens) if (tokensMatch(presented, token.secret)) found = token;
  return found;
}

export function throttled(seconds: number): Authentication {
  return {
    ok: false,
    status: 429,
    reason: `Too many failed sign-in attempts from this address: try again in ${seconds} s.`,
    retryAfterSeconds: seconds,
  };
}

/** Rejects only when the session store cannot be read (the request fails; nobody is let in). */
export async function authenticate(req: IncomingMessage, policy: AuthPolicy): Promise<Authentication> {
  if (policy.mode === "local") return { ok: true, actor: localActor };
  const client = clientAddress(req);
  const bearer = req.headers.authorization;
  const cookie = cookieValue(req, policy.cookieName);
  if (bearer === undefined && cookie === undefined)
    return {
      ok: false,
      status: 401,
      reason:
        policy.mode === "oidc"
          ? "Sign in: open Rollscope in the browser and sign in with your identity provider (scripts send a bearer token)."
          : "Sign in: send the Rollscope token as a bearer token, or sign in in the browser.",
    };
  const wait = policy.throttle.retryAfterSeconds(client);
  if (wait > 0) return throttled(wait);
  if (bearer !== undefined) {
    const presented = bearer.startsWith("Bearer ") ? bearer.slice(7).trim() : "";
    const token = matchingToken(policy.tokens, presented);
    if (token) {
      policy.throttle.succeed(client);
      return { ok: true, actor: tokenActorNamed(token.name) };
    }
    policy.throttle.fail(client);
    policy.log.warn(
      { client, path: req.url?.slice(0, 200), reason: "wrong bearer token" },
      "authentication failed",
    );
    return { ok: false, status: 401, reason: "That bearer token is not one of this Rollscope's tokens." };
  }
  const session = await policy.sessions.get(cookie);
  if (session) return { ok: true, actor: session.actor };
  policy.throttle.fail(client);
  policy.log.warn(
    { client, path: req.url?.slice(0, 200), reason: "unknown or ended session" },
    "authentication failed",
  );
  return { ok: false, status: 401, reason: "Your session has ended (signed out or expired): sign in again." };
}

/** The Host the browser used: the one Rollscope's web server forwards, else the request's own. */
export function browserHost(req: IncomingMessage): string | undefined {
  const forwarded = req.headers["x-forwarded-host"];
  return typeof forwarded === "string" ? forwarded : req.headers.host;
}

/** Why this request's Host (and forwarded Host) is refused, or undefined. */
export function hostCheck(req: IncomingMessage, policy: HostPolicy): string | undefined {
  const direct = hostRefusal(policy, req.headers.host);
  if (direct) return direct;
  const forwarded = req.headers["x-forwarded-host"];
  if (forwarded === undefined) return undefined;
  return typeof forwarded === "string" ? hostRefusal(policy, forwarded) : "several X-Forwarded-Host headers";
}

/** Why a state-changing request is refused as cross-origin, or undefined when it may proceed. */
export function crossOriginReason(
  req: IncomingMessage,
  allowedOrigins: readonly string[],
): string | undefined {
  const site = req.headers["sec-fetch-site"];
  return crossOriginRefusal({
    method: req.method ?? "GET",
    origin: req.headers.origin,
    secFetchSite: typeof site === "string" ? site : undefined,
    host: browserHost(req) ?? "",
    allowedOrigins,
  });
}
