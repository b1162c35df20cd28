// The API in oidc mode over real HTTP, with a real OpenID provider: a person signs in through the
// provider's own forms, the session names them and their groups, tRPC opens for them, sign-out revokes
// the session; scripts keep their bearer tokens; the token form is not a way in.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oidcCallbackPath, oidcLoginPath } from "../auth/oidc/oidc-sign-in";
import { authorizeAtProvider, HandBrowser, locationOf } from "../auth/oidc/testing/hand-browser";
import { type OidcApiServer, startOidcApiServer } from "./testing/oidc-api-server";

const cookieName = "rollscope_session_3100";
const scriptToken = { name: "ci", secret: "ci-secret-of-enough-length" };

describe("oidc mode", () => {
  let api: OidcApiServer;
  let base: string;

  beforeAll(async () => {
    api = await startOidcApiServer({ tokens: [scriptToken] });
    base = api.base;
  });
  afterAll(() => api.close());

  async function signIn(login: string): Promise<HandBrowser> {
    const browser = new HandBrowser();
    const loginUrl = `${base}${oidcLoginPath}?returnTo=%2F`;
    const start = await browser.get(loginUrl);
    expect(start.status).toBe(302);
    const callback = await authorizeAtProvider(
      browser,
      locationOf(start, loginUrl),
      login,
      `${base}${oidcCallbackPath}`,
    );
    const landed = await browser.get(callback);
    expect(landed.status).toBe(302);
    expect(locationOf(landed, callback)).toBe(`${base}/`);
    return browser;
  }

  it("says how to sign in, and refuses tRPC until one has", async () => {
    const status = await (await fetch(`${base}/api/session`)).json();
    expect(status).toMatchObject({
      mode: "oidc",
      tokenRequired: true,
      signedIn: false,
      loginUrl: "/api/auth/login",
    });
    const refused = await fetch(`${base}/api/trpc/clusters.list`);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain("sign in with your identity provider");
  });

  it("signs alice in through the provider: her session names her, opens tRPC, and sign-out revokes it", async () => {
    const browser = await signIn("alice");
    const cookie = `${cookieName}=${browser.cookie(cookieName)}`;
    expect(await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()).toMatchObject({
      signedIn: true,
      actor: "alice@example.com",
    });
    expect((await fetch(`${base}/api/trpc/clusters.list`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${base}/api/session`, { method: "DELETE", headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${base}/api/trpc/clusters.list`, { headers: { cookie } })).status).toBe(401);
  });

  it("keeps bearer tokens for scripts, and does not take the token form", async () => {
    const script = await fetch(`${base}/api/session`, {
      headers: { authorization: `Bearer ${scriptToken.secret}` },
    });
    expect(await script.json()).toMatchObject({ signedIn: true, actor: "token ci" });
    const form = await fetch(`${base}/api/session`, {
      method: "POST",
      body: JSON.stringify({ token: scriptToken.secret }),
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain("Sign in with your identity provider");
  });

  it("throttles a client whose callbacks keep failing", async () => {
    const client = { "x-forwarded-for": "10.7.7.7" };
    for (let i = 0; i < 10; i++)
      expect(
        (await fetch(`${base}${oidcCallbackPath}?code=x&state=y`, { headers: client })).status,
      ).toBeGreaterThanOrEqual(400);
    const blocked = await fetch(`${base}${oidcLoginPath}`, { headers: client, redirect: "manual" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
