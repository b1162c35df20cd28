// The login cookie is Lax (it must survive the provider's cross-site redirect back), goes only to
// /api/auth and is Secure behind TLS; its name is per port like the session cookie's.
import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { loginCookieHeader, loginCookieName } from "./sign-in-cookies";

function request(headers: IncomingMessage["headers"]): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  return req;
}

describe("the sign-in's login cookie", () => {
  it("is named per port and kept to the sign-in endpoints", () => {
    expect(loginCookieName(3000)).toBe("rollscope_login_3000");
    expect(
      loginCookieHeader(request({ "x-forwarded-proto": "https" }), "rollscope_login_3000", "id", 600),
    ).toBe("rollscope_login_3000=id; Max-Age=600; Path=/api/auth; HttpOnly; Secure; SameSite=Lax");
    expect(loginCookieHeader(request({}), "rollscope_login_3000", "", 0)).toBe(
      "rollscope_login_3000=; Max-Age=0; Path=/api/auth; HttpOnly; SameSite=Lax",
    );
  });
});
