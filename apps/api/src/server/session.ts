// Browser sign-in when the API requires a token: the person pastes the token once, the API checks it
// and sets it as an HttpOnly session cookie, which every later call (and every SSE subscription,
// which cannot send headers) carries. GET says whether a token is required and whether this browser
// has it; POST signs in; DELETE signs out.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { readBody } from "./read-body";
import { crossOriginReason, isAuthorised, sessionCookie, tokensMatch } from "./request-guard";

const signInSchema = z.object({
  token: z.string().min(1, "paste the Rollscope token").max(4096, "that is not a Rollscope token"),
});

export interface SessionStatus {
  tokenRequired: boolean;
  signedIn: boolean;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

function cookie(req: IncomingMessage, value: string, maxAgeSeconds: number): string {
  // Secure when the dashboard is served over TLS (a proxy in front says so).
  const secure = req.headers["x-forwarded-proto"] === "https" ? "; Secure" : "";
  return `${sessionCookie}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export async function handleSession(
  req: IncomingMessage,
  res: ServerResponse,
  options: { authToken?: string | undefined; allowedOrigins: string[] },
): Promise<void> {
  const token = options.authToken;
  if (req.method === "GET") {
    const status: SessionStatus = { tokenRequired: Boolean(token), signedIn: isAuthorised(req, token) };
    return json(res, 200, status);
  }
  const crossOrigin = crossOriginReason(req, options.allowedOrigins);
  if (crossOrigin) return json(res, 403, { error: `Refused: ${crossOrigin}.` });
  if (req.method === "DELETE")
    return json(res, 200, { signedIn: false }, { "set-cookie": cookie(req, "", 0) });
  if (req.method !== "POST")
    return json(res, 405, { error: "use GET, POST or DELETE" }, { allow: "GET, POST, DELETE" });
  if (!token)
    return json(res, 400, {
      error: "This Rollscope does not require a token: there is nothing to sign in to.",
    });
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req, 16 * 1024));
  } catch (error) {
    return json(res, 400, { error: `Expected JSON {"token": "…"}: ${(error as Error).message}` });
  }
  const parsed = signInSchema.safeParse(body);
  if (!parsed.success) return json(res, 400, { error: parsed.error.issues[0]?.message ?? "invalid sign-in" });
  if (!tokensMatch(parsed.data.token.trim(), token)) {
    return json(res, 401, {
      error: "That is not this Rollscope's token. Ask whoever started it (--auth-token or ROLLSCOPE_TOKEN).",
    });
  }
  // A working day: long enough not to nag, short enough that a forgotten browser signs out.
  return json(res, 200, { signedIn: true }, { "set-cookie": cookie(req, token, 12 * 60 * 60) });
}
