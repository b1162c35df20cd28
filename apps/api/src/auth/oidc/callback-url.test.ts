// The redirect_uri follows the address the browser used (the web server's forwarded Host, else Host)
// and its scheme, unless one is configured; an unusable Host gives none rather than a wrong one.
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { callbackUrl } from "./callback-url";

const request = (headers: Record<string, string>) => ({ headers, socket: {} }) as unknown as IncomingMessage;

describe("callbackUrl", () => {
  it("uses the forwarded Host and proto the web server passes on", () => {
    expect(
      callbackUrl(
        request({
          host: "127.0.0.1:3001",
          "x-forwarded-host": "rollscope.example.com",
          "x-forwarded-proto": "https",
        }),
        undefined,
      ),
    ).toBe("https://rollscope.example.com/api/auth/callback");
  });

  it("falls back to the request's own Host over plain http", () => {
    expect(callbackUrl(request({ host: "localhost:3100" }), undefined)).toBe(
      "http://localhost:3100/api/auth/callback",
    );
  });

  it("prefers the configured URL", () => {
    expect(
      callbackUrl(request({ host: "localhost:3100" }), "https://ops.example.com/rollscope/api/auth/callback"),
    ).toBe("https://ops.example.com/rollscope/api/auth/callback");
  });

  it.each<Record<string, string>>([
    {},
    { host: "evil.example/path" },
    { host: "user@evil.example" },
    { host: "a b" },
  ])("gives none for the unusable Host %j", (headers) => {
    expect(callbackUrl(request(headers), undefined)).toBeUndefined();
  });
});
