// The login cookie of an OpenID sign-in (the session cookie it ends with is server/cookies.ts's, as for
// the token sign-in). It only carries a pending login's id across the trip to the provider; it must be
// SameSite=Lax, because the provider sends the browser back with a cross-site top-level GET, which
// Strict would strip.
import type { IncomingMessage } from "node:http";
import { setCookieHeader } from "../../server/cookies";

/** Like the session cookie's name, port-proof: two Rollscopes on one host keep their own sign-ins. */
export function loginCookieName(webPort: number | string): string {
  return `rollscope_login_${webPort}`;
}

/** The login cookie goes only to the sign-in endpoints; Max-Age=0 with an empty value removes it. */
export function loginCookieHeader(
  req: IncomingMessage,
  name: string,
  value: string,
  maxAgeSeconds: number,
): string {
  return setCookieHeader(req, { name, value, path: "/api/auth", sameSite: "lax", maxAgeSeconds });
}
