// The OIDC sign-in callback refused, over real HTTP against a real certified OpenID provider
// (oidc-provider): every way it can be wrong (replayed, tampered or missing login cookie, another
// sign-in's state, a wrong nonce or PKCE verifier, the provider's own error or absence, a missing
// claim) is a page that says what to do and starts no session.
import { parseSetCookie } from "cookie";
import { describe, expect, it } from "vitest";
import { type PendingLogin, PendingLogins } from "./oidc-sign-in";
import { cancelLink, HandBrowser } from "./testing/hand-browser";
import { loginCookie, loginCookieRemoved, sessionCookie, useSignInRig } from "./testing/sign-in-rig";
import { startTestProvider } from "./testing/test-provider";

describe("OIDC sign-in callbacks that start no session", () => {
  const rig = useSignInRig();

  it("refuses a replayed callback URL, with or without the old login cookie, and starts no second session", async () => {
    await rig.useSignIn();
    const browser = new HandBrowser();
    const authorizationUrl = await rig.startLogin(browser);
    const loginId = browser.cookie(loginCookie) ?? "";
    const callbackUrl = await rig.authorize(browser, authorizationUrl, "alice");
    expect((await browser.get(callbackUrl)).status).toBe(302);
    expect(await rig.sessions.count()).toBe(1);

    const again = await browser.get(callbackUrl);
    expect(again.status).toBe(400);
    expect(again.body).toContain("no sign-in in progress");
    browser.cookies.set(loginCookie, { value: loginId, path: "/api/auth" });
    const withOldCookie = await browser.get(callbackUrl);
    expect(withOldCookie.status).toBe(400);
    expect(withOldCookie.body).toContain("already been completed");
    expect(withOldCookie.body).toContain('<a href="/api/auth/login?returnTo=%2F">Sign in again</a>');
    const setOnRefusal = [withOldCookie.headers["set-cookie"] ?? []].flat();
    expect(setOnRefusal.map((header) => parseSetCookie(header))).toEqual([loginCookieRemoved]);
    expect(await rig.sessions.count()).toBe(1);
    expect(rig.loggedReasons().filter((l) => l.msg === "oidc sign-in failed")).toEqual([
      expect.objectContaining({ reason: "no login cookie" }),
      expect.objectContaining({ reason: "unknown, expired or already used login" }),
    ]);
  });

  it("refuses a callback whose login cookie is missing or tampered with", async () => {
    await rig.useSignIn();
    const missing = new HandBrowser();
    const missingCallback = await rig.throughProvider(missing, "alice");
    missing.cookies.delete(loginCookie);
    const noCookie = await missing.get(missingCallback);
    expect(noCookie.status).toBe(400);
    expect(noCookie.body).toContain("This browser has no sign-in in progress");

    const tampered = new HandBrowser();
    const tamperedCallback = await rig.throughProvider(tampered, "alice");
    const real = tampered.cookie(loginCookie) ?? "";
    tampered.cookies.set(loginCookie, {
      value: `${real.slice(0, -1)}${real.endsWith("A") ? "B" : "A"}`,
      path: "/api/auth",
    });
    const wrongCookie = await tampered.get(tamperedCallback);
    expect(wrongCookie.status).toBe(400);
    expect(wrongCookie.body).toContain("already been completed, has expired");
    expect(await rig.sessions.count()).toBe(0);
    expect(tampered.cookie(sessionCookie)).toBeUndefined();
  });

  it("refuses, by the library's state check, a callback that belongs to another sign-in of the browser", async () => {
    await rig.useSignIn();
    const browser = new HandBrowser();
    const first = await rig.startLogin(browser);
    await rig.startLogin(browser); // a second tab: the login cookie now names the second sign-in
    const firstCallback = await rig.authorize(browser, first, "alice");
    const answer = await browser.get(firstCallback);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("does not belong to the sign-in this browser started");
    expect(rig.loggedReasons().at(-1)?.reason).toMatch(/response check failed: .*"state"/);
    expect(await rig.sessions.count()).toBe(0);
  });

  it("refuses an ID token whose nonce is not the pending login's (the library's nonce check)", async () => {
    class NonceSwapping extends PendingLogins {
      override async take(id: string | undefined): Promise<PendingLogin | undefined> {
        const login = await super.take(id);
        return login && { ...login, nonce: "a-nonce-the-provider-never-saw" };
      }
    }
    await rig.useSignIn({}, new NonceSwapping(rig.sessions.store));
    const browser = new HandBrowser();
    const answer = await browser.get(await rig.throughProvider(browser, "alice"));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("does not belong to the sign-in this browser started");
    expect(rig.loggedReasons().at(-1)?.reason).toMatch(/nonce/);
    expect(await rig.sessions.count()).toBe(0);
  });

  it("sends the pending login's PKCE verifier: with another one the provider refuses the code", async () => {
    class VerifierSwapping extends PendingLogins {
      override async take(id: string | undefined): Promise<PendingLogin | undefined> {
        const login = await super.take(id);
        return login && { ...login, pkceCodeVerifier: `${"x".repeat(43)}` };
      }
    }
    await rig.useSignIn({}, new VerifierSwapping(rig.sessions.store));
    const browser = new HandBrowser();
    const answer = await browser.get(await rig.throughProvider(browser, "alice"));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("refused to complete this sign-in (invalid_grant)");
    expect(rig.loggedReasons().at(-1)?.reason).toBe("token endpoint refused: invalid_grant");
    expect(await rig.sessions.count()).toBe(0);
  });

  it("shows the provider's error when the person cancels at the provider, with a link to try again", async () => {
    await rig.useSignIn();
    const browser = new HandBrowser();
    const authorizationUrl = await rig.startLogin(browser, "/rollouts");
    const callbackUrl = await rig.authorize(browser, authorizationUrl, "alice", cancelLink);
    expect(new URL(callbackUrl).searchParams.get("error")).toBe("access_denied");
    const answer = await browser.get(callbackUrl);
    expect(answer.status).toBe(401);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.body).toContain(
      "The identity provider did not sign you in: the sign-in was cancelled or refused (End-User aborted interaction).",
    );
    expect(answer.body).toContain('<a href="/api/auth/login?returnTo=%2Frollouts">Sign in again</a>');
    expect(rig.loggedReasons().at(-1)?.reason).toBe("provider error access_denied");
    expect(await rig.sessions.count()).toBe(0);
  });

  it("shows a 502 page when the provider has gone away by the time the browser comes back", async () => {
    const vanishing = await startTestProvider({ redirectUris: [rig.callbackUrl] });
    await rig.useSignIn({ issuer: vanishing.issuer });
    const browser = new HandBrowser();
    const callbackUrl = await rig.throughProvider(browser, "alice");
    await vanishing.close();
    const answer = await browser.get(callbackUrl);
    expect(answer.status).toBe(502);
    expect(answer.body).toMatch(
      new RegExp(
        `The identity provider at ${vanishing.issuer} could not be reached \\(connection failed \\(`,
      ),
    );
    expect(rig.loggedReasons().at(-1)?.reason).toMatch(/^provider unreachable: connection failed/);
    expect(await rig.sessions.count()).toBe(0);
  });

  it("escapes what a crafted error response carries into the page", async () => {
    await rig.useSignIn();
    const browser = new HandBrowser();
    const state = new URL(await rig.startLogin(browser)).searchParams.get("state") ?? "";
    const crafted = new URL(rig.callbackUrl);
    crafted.search = new URLSearchParams({
      error: "<b>server_error</b>",
      error_description: '<script>alert("x")</script>',
      state,
      iss: rig.provider.issuer,
    }).toString();
    const answer = await browser.get(crafted.href);
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain("<script>");
    expect(answer.body).not.toContain("<b>");
    expect(answer.body).toContain(
      "&lt;b&gt;server_error&lt;/b&gt; (&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;)",
    );
  });

  it("refuses carol, whose token has no groups claim, naming the claim — unless groups are optional", async () => {
    await rig.useSignIn();
    const refused = new HandBrowser();
    const answer = await refused.get(await rig.throughProvider(refused, "carol"));
    expect(answer.status).toBe(401);
    expect(answer.body).toContain("The identity provider sent no &quot;groups&quot; claim for you");
    expect(rig.loggedReasons().at(-1)?.reason).toBe('groups claim "groups" missing');
    expect(await rig.sessions.count()).toBe(0);

    await rig.useSignIn({ missingGroupsClaim: "no-groups" });
    const accepted = new HandBrowser();
    expect((await accepted.get(await rig.throughProvider(accepted, "carol"))).status).toBe(302);
    expect(await rig.sessionOf(accepted)).toEqual({
      name: "carol@example.com",
      groups: [],
      via: "oidc",
      impersonate: true,
    });
  });

  it("refuses a sign-in without the configured username claim, naming the claim", async () => {
    await rig.useSignIn({ usernameClaim: "preferred_username" });
    const browser = new HandBrowser();
    const answer = await browser.get(await rig.throughProvider(browser, "alice"));
    expect(answer.status).toBe(401);
    expect(answer.body).toContain("your sign-in carries no &quot;preferred_username&quot; claim");
    expect(await rig.sessions.count()).toBe(0);
  });
});
