// The settings take the API config's `oidc` block with sensible defaults, and refuse with one line what
// could not work: http:// to another machine, no openid scope, odd claim names.
import { describe, expect, it } from "vitest";
import { parseOidcSettings } from "./oidc-settings";

const minimal = { issuer: "https://login.example.com/realms/ops", clientId: "rollscope" };

describe("parseOidcSettings", () => {
  it("fills in the defaults", () => {
    expect(parseOidcSettings(minimal)).toEqual({
      ok: true,
      settings: {
        ...minimal,
        scopes: ["openid", "profile", "email", "groups"],
        usernameClaim: "email",
        groupsClaim: "groups",
        missingGroupsClaim: "refuse",
        groupsAllowed: [],
        timeoutSeconds: 10,
      },
    });
  });

  it.each(["http://127.0.0.1:5556/dex", "http://localhost:5556", "http://[::1]:5556"])(
    "allows plain http to a provider on this machine: %s",
    (issuer) => {
      expect(parseOidcSettings({ ...minimal, issuer }).ok).toBe(true);
    },
  );

  it.each([
    [
      { issuer: "http://login.example.com" },
      "OIDC settings: issuer: --oidc-issuer must use https:// (http:// only for a provider on this machine: localhost, 127.0.0.1, [::1])",
    ],
    [
      { issuer: "http://dex.localhost" },
      "OIDC settings: issuer: --oidc-issuer must use https:// (http:// only for a provider on this machine: localhost, 127.0.0.1, [::1])",
    ],
    [{ issuer: "not a url" }, "OIDC settings: issuer: --oidc-issuer must be a URL"],
    [
      { issuer: "https://login.example.com?tenant=1" },
      "OIDC settings: issuer: --oidc-issuer has no query or fragment",
    ],
    [{ clientId: "" }, "OIDC settings: clientId: --oidc-client-id is empty"],
    [{ scopes: ["profile", "email"] }, "OIDC settings: scopes: --oidc-scope must include openid"],
    [
      { scopes: ["openid", "two words"] },
      "OIDC settings: scopes.1: a scope has no spaces, quotes or backslashes",
    ],
    [
      { groupsClaim: "my groups" },
      "OIDC settings: groupsClaim: a claim name is printable ASCII without spaces",
    ],
    [
      { redirectUrl: "ftp://rollscope.example.com/cb" },
      "OIDC settings: redirectUrl: --oidc-redirect-url must be http(s)",
    ],
  ])("refuses %j", (change, error) => {
    expect(parseOidcSettings({ ...minimal, ...change })).toEqual({ ok: false, error });
  });
});
