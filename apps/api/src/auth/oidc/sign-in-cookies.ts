// The cookies of a sign-in. The session cookie is written exactly as the token sign-in writes it
// (server/session.ts): same name, opaque id, HttpOnly, SameSite=Strict, Secure behind TLS. The login
// cookie only carries a pending login's id across the trip to the provider; it must be SameSite=Lax,
// because the provider sends the browser back with a cross-site top-level GET, which Strict would strip.
import type { IncomingMessage } from "node:http";

/** Like the session cookie's name, port-proof: two Rollscopes on one host keep their own sign-ins. */
export function loginCookieName(webPort: number | string): string {
  return `rollscope_login_${webPort}`;
}

const secure = (req: IncomingMessage) => (req.headers["x-forwarded-proto"] === "https" ? "; Secure" : "");

/** A Set-Cookie value for the session cookie; Max-Age=0 with an empty value signs out. */
export function sessionCookieHeader(
  req: IncomingMessage,
  name: string,
  value: string,
  maxAgeSeconds: number,
): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure(req)}`;
}

/** The login cookie goes only to the sign-in endpoints. */
export function loginCookieHeader(
  req: IncomingMessage,
  name: string,
  value: string,
  maxAgeSeconds: number,
): string {
  return `${name}=${value}; Path=/api/auth; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure(req)}`;
}
