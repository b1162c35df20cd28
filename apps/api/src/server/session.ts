// Browser sign-in when the API requires a token: the person pastes the token once, the API checks it
// and starts a server-side session whose opaque id goes into an HttpOnly cookie, which every later call
// (and every SSE subscription, which cannot send headers) carries. GET says whether a token is required,
// whether this browser is signed in and what this Rollscope exposes; POST signs in; DELETE signs out
// and revokes the session.
import type { IncomingMessage, ServerResponse } from "node:http";
import { lingerThenClose } from "@rollscope/shared/http/linger-close";
import { describeActor, tokenActorNamed } from "@rollscope/shared/identity/actor";
import { z } from "zod";
import { clientAddress } from "./client-address";
import { cookieValue, sessionCookieHeader } from "./cookies";
import { readBody } from "./read-body";
import {
  type AuthMode,
  type AuthPolicy,
  authenticate,
  crossOriginReason,
  matchingToken,
  throttled,
} from "./request-guard";

const signInSchema = z.object({
  token: z.string().min(1, "paste the Rollscope token").max(4096, "that is not a Rollscope token"),
});

export interface SessionStatus {
  /** How people sign in: nothing (local), a token, or the OpenID provider. */
  mode: AuthMode;
  tokenRequired: boolean;
  signedIn: boolean;
  /** Who this browser acts as, when signed in with a token or OIDC. */
  actor?: string;
  /** Where the browser starts an OpenID sign-in (oidc mode). */
  loginUrl?: string;
  /** Warnings about what this Rollscope exposes without a token (shown in the header). */
  exposure: string[];
}

export interface SessionOptions {
  auth: AuthPolicy;
  allowedOrigins: readonly string[];
  exposure: readonly string[];
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const unread = !res.req.complete;
  if (unread) res.setHeader("connection", "close");
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
  if (unread) lingerThenClose(res.req);
}

export async function handleSession(
  req: IncomingMessage,
  res: ServerResponse,
  options: SessionOptions,
): Promise<void> {
  const { auth } = options;
  if (req.method === "GET") {
    const who = await authenticate(req, auth);
    const status: SessionStatus = {
      mode: auth.mode,
      tokenRequired: auth.mode !== "local",
      signedIn: who.ok,
      ...(who.ok && auth.mode !== "local" ? { actor: describeActor(who.actor) } : {}),
      ...(auth.mode === "oidc" ? { loginUrl: "/api/auth/login" } : {}),
      exposure: [...options.exposure],
    };
    return json(res, 200, status);
  }
  const crossOrigin = crossOriginReason(req, options.allowedOrigins);
  if (crossOrigin) return json(res, 403, { error: `Refused: ${crossOrigin}.` });
  if (req.method === "DELETE") {
    await auth.sessions.revoke(cookieValue(req, auth.cookieName));
    return json(
      res,
      200,
      { signedIn: false },
      { "set-cookie": sessionCookieHeader(req, auth.cookieName, "", 0) },
    );
  }
  if (req.method !== "POST")
    return json(res, 405, { error: "use GET, POST or DELETE" }, { allow: "GET, POST, DELETE" });
  if (auth.mode === "local")
    return json(res, 400, {
      error: "This Rollscope does not require a token: there is nothing to sign in to.",
    });
  if (auth.mode === "oidc")
    return json(res, 400, {
      error: "Sign in with your identity provider: open /api/auth/login in the browser.",
    });
  const client = clientAddress(req);
  const wait = auth.throttle.retryAfterSeconds(client);
  if (wait > 0) {
    const refusal = throttled(wait);
    return json(res, 429, { error: refusal.ok ? "" : refusal.reason }, { "retry-after": String(wait) });
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req, 16 * 1024));
  } catch (error) {
    return json(res, 400, { error: `Expected JSON {"token": "…"}: ${(error as Error).message}` });
  }
  const parsed = signInSchema.safeParse(body);
  if (!parsed.success) return json(res, 400, { error: parsed.error.issues[0]?.message ?? "invalid sign-in" });
  const token = matchingToken(auth.tokens, parsed.data.token.trim());
  if (!token) {
    auth.throttle.fail(client);
    auth.log.warn({ client, reason: "wrong token" }, "sign-in failed");
    return json(res, 401, {
      error:
        "That is not this Rollscope's token. Ask whoever started it (--auth-token-file or ROLLSCOPE_TOKEN).",
    });
  }
  auth.throttle.succeed(client);
  // A new sign-in replaces the browser's old session.
  await auth.sessions.revoke(cookieValue(req, auth.cookieName));
  const id = await auth.sessions.create(tokenActorNamed(token.name));
  auth.log.info({ client }, "signed in");
  return json(
    res,
    200,
    { signedIn: true },
    { "set-cookie": sessionCookieHeader(req, auth.cookieName, id, auth.sessions.lifetimeSeconds) },
  );
}
