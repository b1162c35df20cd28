// Cookies as Node's HTTP server hands them over: whatever a client sends in the Cookie header is read
// without an exception, and the Set-Cookie values carry the attributes the sign-ins depend on.
import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { parseSetCookie } from "cookie";
import { describe, expect, it } from "vitest";
import { cookieValue, sessionCookieHeader, setCookieHeader } from "./cookies";

function request(headers: IncomingMessage["headers"]): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  return req;
}

const session = "rollscope_session_3100";

describe("cookieValue", () => {
  it("returns an undecodable value as sent", () => {
    expect(cookieValue(request({ cookie: "a=%E0%A4%A" }), "a")).toBe("%E0%A4%A");
    expect(cookieValue(request({ cookie: `a=%E0%A4%A; ${session}=id` }), session)).toBe("id");
  });

  it("finds nothing in a header of empty names and separators", () => {
    for (const header of ["=;;=", ";;;", "=", "no-equals-sign"])
      expect(cookieValue(request({ cookie: header }), session)).toBeUndefined();
    expect(cookieValue(request({}), session)).toBeUndefined();
  });

  it("reads a 10 KB value and the cookies after it", () => {
    const big = "v".repeat(10 * 1024);
    const req = request({ cookie: `big=${big}; ${session}=id` });
    expect(cookieValue(req, "big")).toBe(big);
    expect(cookieValue(req, session)).toBe("id");
  });

  it("takes the first of two cookies with one name, as browsers send the longer path first", () => {
    expect(cookieValue(request({ cookie: `${session}=first; ${session}=second` }), session)).toBe("first");
  });

  it("is not confused by cookies named after object properties", () => {
    const req = request({ cookie: "__proto__=1; constructor=2" });
    expect(cookieValue(req, "constructor")).toBe("2");
    expect(cookieValue(req, "toString")).toBeUndefined();
  });
});

describe("Set-Cookie values", () => {
  it("writes the session cookie HttpOnly, SameSite=Strict for the whole API, Secure only behind TLS", () => {
    expect(sessionCookieHeader(request({}), session, "id", 43200)).toBe(
      `${session}=id; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict`,
    );
    expect(sessionCookieHeader(request({ "x-forwarded-proto": "https" }), session, "id", 1)).toBe(
      `${session}=id; Max-Age=1; Path=/; HttpOnly; Secure; SameSite=Strict`,
    );
  });

  it("removes a cookie with an empty value and Max-Age=0", () => {
    expect(parseSetCookie(sessionCookieHeader(request({}), session, "", 0))).toEqual({
      name: session,
      value: "",
      maxAge: 0,
      path: "/",
      httpOnly: true,
      sameSite: "strict",
    });
  });

  it("writes any cookie HttpOnly with the path and SameSite it is given", () => {
    const header = setCookieHeader(request({ "x-forwarded-proto": "https" }), {
      name: "rollscope_login_3100",
      value: "id",
      path: "/api/auth",
      sameSite: "lax",
      maxAgeSeconds: 600,
    });
    expect(parseSetCookie(header)).toEqual({
      name: "rollscope_login_3100",
      value: "id",
      maxAge: 600,
      path: "/api/auth",
      httpOnly: true,
      secure: true,
      sameSite: "lax",
    });
  });
});
