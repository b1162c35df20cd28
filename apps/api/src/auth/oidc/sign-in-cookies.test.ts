// The session cookie is written exactly as the token sign-in writes it; the login cookie is Lax (it
// must survive the provider's cross-site redirect back) and goes only to /api/auth. Both are Secure
// behind TLS.
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { loginCookieHeader, loginCookieName, sessionCookieHeader } from "./sign-in-cookies";

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("sign-in cookies", () => {
  it("writes the session cookie like server/session.ts, Secure only behind TLS", () => {
    expect(sessionCookieHeader(request({}), "rollscope_session_3000", "id", 43200)).toBe(
      "rollscope_session_3000=id; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200",
    );
    expect(
      sessionCookieHeader(request({ "x-forwarded-proto": "https" }), "rollscope_session_3000", "id", 1),
    ).toBe("rollscope_session_3000=id; Path=/; HttpOnly; SameSite=Strict; Max-Age=1; Secure");
  });

  it("names the login cookie per port and keeps it to the sign-in endpoints", () => {
    expect(loginCookieName(3000)).toBe("rollscope_login_3000");
    expect(
      loginCookieHeader(request({ "x-forwarded-proto": "https" }), "rollscope_login_3000", "id", 600),
    ).toBe("rollscope_login_3000=id; Path=/api/auth; HttpOnly; SameSite=Lax; Max-Age=600; Secure");
  });
});
