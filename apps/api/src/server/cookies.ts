// The API's cookies, read and written with the `cookie` package. Every cookie Rollscope sets is
// HttpOnly, and Secure when the dashboard is served over TLS (a proxy in front says so).
import type { IncomingMessage } from "node:http";
import { parseCookie, stringifySetCookie } from "cookie";

/**
 * The value of one cookie of the request. A malformed header yields what can be read of it, never an
 * exception (an undecodable value comes back as sent). Of two cookies with one name the first wins:
 * browsers send the one with the longer path first.
 */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookie(header)[name] : undefined;
}

export interface CookieToSet {
  name: string;
  /** Empty, with maxAgeSeconds 0, to remove the cookie. */
  value: string;
  path: string;
  sameSite: "strict" | "lax";
  maxAgeSeconds: number;
}

/** A Set-Cookie value. */
export function setCookieHeader(req: IncomingMessage, cookie: CookieToSet): string {
  return stringifySetCookie({
    name: cookie.name,
    value: cookie.value,
    path: cookie.path,
    sameSite: cookie.sameSite,
    maxAge: cookie.maxAgeSeconds,
    httpOnly: true,
    secure: req.headers["x-forwarded-proto"] === "https",
  });
}

/**
 * The session cookie, as the token sign-in and the OpenID sign-in both write it: an opaque session id,
 * SameSite=Strict, for the whole API. Max-Age=0 with an empty value signs out.
 */
export function sessionCookieHeader(
  req: IncomingMessage,
  name: string,
  value: string,
  maxAgeSeconds: number,
): string {
  return setCookieHeader(req, { name, value, path: "/", sameSite: "strict", maxAgeSeconds });
}
