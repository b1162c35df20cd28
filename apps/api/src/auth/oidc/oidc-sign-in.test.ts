// The OIDC sign-in round trip over real HTTP, against a real certified OpenID provider (oidc-provider)
// whose own login and consent forms are submitted by hand: a person's claims become a revocable session
// with the token sign-in's cookie, and the browser lands where it was going. (Every way the callback
// can be wrong: oidc-callback-refusals.test.ts; a wrong issuer: oidc-start-errors.test.ts.)
import { parseSetCookie } from "cookie";
import { describe, expect, it } from "vitest";
import { HandBrowser } from "./testing/hand-browser";
import { alice, loginCookie, loginCookieRemoved, sessionCookie, useSignInRig } from "./testing/sign-in-rig";
import { confidentialClientId, confidentialClientSecret, publicClientId } from "./testing/test-provider";

describe("OIDC sign-in against a real OpenID provider", () => {
  const rig = useSignInRig();

  it("alice signs in: PKCE and state go to the provider, her session names her and her groups, the cookie is the session cookie", async () => {
    await rig.useSignIn();
    const browser = new HandBrowser();
    const authorizationUrl = await rig.startLogin(browser, "/rollouts/prod/checkout?tab=analysis");
    const asked = new URL(authorizationUrl);
    expect(asked.origin).toBe(rig.provider.issuer);
    expect(Object.fromEntries(asked.searchParams)).toMatchObject({
      client_id: publicClientId,
      response_type: "code",
      redirect_uri: `${rig.base}/api/auth/callback`,
      scope: "openid profile email groups",
      code_challenge_method: "S256",
    });
    for (const parameter of ["code_challenge", "state", "nonce"])
      expect(asked.searchParams.get(parameter)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(parseSetCookie(browser.setCookies.at(-1) ?? "")).toEqual({
      name: loginCookie,
      value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      maxAge: 600,
      path: "/api/auth",
      httpOnly: true,
      sameSite: "lax",
    });

    const callbackUrl = await rig.authorize(browser, authorizationUrl, "alice");
    const landed = await browser.get(callbackUrl);
    expect(landed.status).toBe(302);
    expect(landed.headers.location).toBe("/rollouts/prod/checkout?tab=analysis");
    const [sessionSet, loginCleared] = landed.headers["set-cookie"] ?? [];
    expect(parseSetCookie(sessionSet ?? "")).toEqual({
      name: sessionCookie,
      value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      maxAge: 43200,
      path: "/",
      httpOnly: true,
      sameSite: "strict",
    });
    expect(parseSetCookie(loginCleared ?? "")).toEqual(loginCookieRemoved);
    expect(browser.cookie(loginCookie)).toBeUndefined();
    expect(await rig.sessionOf(browser)).toEqual(alice);
    expect(await rig.sessions.count()).toBe(1);

    // The log names who signed in, and carries no code, state, session id or login id.
    const logged = rig.logLines.join("\n");
    expect(logged).toContain('"user":"alice@example.com"');
    const code = new URL(callbackUrl).searchParams.get("code") ?? "missing";
    for (const secret of [
      code,
      asked.searchParams.get("state") ?? "missing",
      browser.cookie(sessionCookie) ?? "",
    ])
      expect(logged).not.toContain(secret);
  });

  it("takes the claims from the ID token when the provider has no userinfo endpoint", async () => {
    await rig.useSignIn({ issuer: rig.idTokenProvider.issuer });
    const browser = new HandBrowser();
    expect((await browser.get(await rig.throughProvider(browser, "alice"))).status).toBe(302);
    expect(await rig.sessionOf(browser)).toEqual(alice);
  });

  it("bob signs in through a confidential client with its secret and gets only his groups", async () => {
    await rig.useSignIn({ clientId: confidentialClientId, clientSecret: confidentialClientSecret });
    const browser = new HandBrowser();
    const landed = await browser.get(await rig.throughProvider(browser, "bob"));
    expect(landed.headers.location).toBe("/");
    expect(await rig.sessionOf(browser)).toEqual({
      name: "bob@example.com",
      groups: ["viewers"],
      via: "oidc",
      impersonate: true,
    });
    expect(rig.logLines.join("\n")).not.toContain(confidentialClientSecret);
  });

  it.each(["//evil.example/phish", "https://evil.example/phish", "/\\evil.example"])(
    "ignores returnTo %s and lands on /",
    async (returnTo) => {
      await rig.useSignIn();
      const browser = new HandBrowser();
      const landed = await browser.get(await rig.throughProvider(browser, "alice", returnTo));
      expect(landed.status).toBe(302);
      expect(landed.headers.location).toBe("/");
      expect(await rig.sessionOf(browser)).toEqual(alice);
    },
  );
});
