// The OIDC sign-in round trip over real HTTP, against a real certified OpenID provider (oidc-provider)
// whose own login and consent forms are submitted by hand: a person's claims become a revocable session
// with the token sign-in's cookie; every way the callback can be wrong (replayed, tampered or missing
// login cookie, another sign-in's state, a wrong nonce or PKCE verifier, the provider's own error, a
// missing claim) is a page that says what to do and starts no session. (A wrong issuer: oidc-start-errors.test.ts.)
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Actor } from "@rollscope/shared/identity/actor";
import { parseSetCookie } from "cookie";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SessionStore } from "../../server/session-store";
import { type Database, openDatabase } from "../../store/database";
import {
  createOidcSignIn,
  type OidcSettingsInput,
  type OidcSignIn,
  oidcCallbackPath,
  oidcLoginPath,
  type PendingLogin,
  PendingLogins,
} from "./oidc-sign-in";
import { authorizeAtProvider, cancelLink, HandBrowser, locationOf } from "./testing/hand-browser";
import {
  confidentialClientId,
  confidentialClientSecret,
  publicClientId,
  startTestProvider,
  type TestProvider,
} from "./testing/test-provider";

const sessionCookie = "rollscope_session_3100";
const loginCookie = "rollscope_login_3100";
/** The login cookie's removal once the callback has used it (or refused it). */
const loginCookieRemoved = {
  name: loginCookie,
  value: "",
  maxAge: 0,
  path: "/api/auth",
  httpOnly: true,
  sameSite: "lax",
};
const alice: Actor = {
  name: "alice@example.com",
  groups: ["rollout-operators"],
  via: "oidc",
  impersonate: true,
};

/** Rollscope's two sign-in routes on a real HTTP server; each test plugs in the sign-in it configures. */
async function startRollscope() {
  let signIn: OidcSignIn | undefined;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const route =
      path === oidcLoginPath ? signIn?.start : path === oidcCallbackPath ? signIn?.callback : undefined;
    if (!route || !signIn) return void res.writeHead(404).end();
    route.call(signIn, req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    use: (next: OidcSignIn) => {
      signIn = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("OIDC sign-in against a real OpenID provider", () => {
  let rollscope: Awaited<ReturnType<typeof startRollscope>>;
  let provider: TestProvider;
  let idTokenProvider: TestProvider;
  let dataDir: string;
  let database: Database;
  let sessions: SessionStore;
  let logLines: string[];
  const log = pino({ level: "info" }, { write: (line: string) => void logLines.push(line) });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "rollscope-oidc-"));
    database = await openDatabase({ dataDir });
    rollscope = await startRollscope();
    const redirectUris = [`${rollscope.base}${oidcCallbackPath}`];
    provider = await startTestProvider({ redirectUris });
    idTokenProvider = await startTestProvider({ redirectUris, claimsIn: "id-token" });
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    await rollscope.close();
    await provider.close();
    await idTokenProvider.close();
  });
  beforeEach(async () => {
    // Each test starts with nobody signed in.
    await database.db.deleteFrom("sessions").execute();
    sessions = new SessionStore(database);
    logLines = [];
  });

  async function useSignIn(settings: Partial<OidcSettingsInput> = {}, pendingLogins?: PendingLogins) {
    const signIn = await createOidcSignIn({
      settings: { issuer: provider.issuer, clientId: publicClientId, ...settings },
      sessions,
      webPort: 3100,
      log,
      ...(pendingLogins ? { pendingLogins } : {}),
    });
    rollscope.use(signIn);
    return signIn;
  }

  /** Opens Rollscope's login URL; returns the provider's authorization URL it redirected to. */
  async function startLogin(browser: HandBrowser, returnTo?: string): Promise<string> {
    const query = returnTo === undefined ? "" : `?returnTo=${encodeURIComponent(returnTo)}`;
    const loginUrl = `${rollscope.base}${oidcLoginPath}${query}`;
    const answer = await browser.get(loginUrl);
    expect(answer.status).toBe(302);
    return locationOf(answer, loginUrl);
  }

  /** Login at Rollscope and at the provider; returns the callback URL the provider sent the browser to. */
  async function throughProvider(browser: HandBrowser, login: string, returnTo?: string): Promise<string> {
    const authorizationUrl = await startLogin(browser, returnTo);
    return authorizeAtProvider(browser, authorizationUrl, login, `${rollscope.base}${oidcCallbackPath}`);
  }

  const sessionOf = async (browser: HandBrowser) =>
    (await sessions.get(browser.cookie(sessionCookie)))?.actor;
  const loggedReasons = () => logLines.map((line) => JSON.parse(line) as { msg: string; reason?: string });

  it("alice signs in: PKCE and state go to the provider, her session names her and her groups, the cookie is the session cookie", async () => {
    await useSignIn();
    const browser = new HandBrowser();
    const authorizationUrl = await startLogin(browser, "/rollouts/prod/checkout?tab=analysis");
    const asked = new URL(authorizationUrl);
    expect(asked.origin).toBe(provider.issuer);
    expect(Object.fromEntries(asked.searchParams)).toMatchObject({
      client_id: publicClientId,
      response_type: "code",
      redirect_uri: `${rollscope.base}/api/auth/callback`,
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

    const callbackUrl = await authorizeAtProvider(
      browser,
      authorizationUrl,
      "alice",
      `${rollscope.base}${oidcCallbackPath}`,
    );
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
    expect(await sessionOf(browser)).toEqual(alice);
    expect(await sessions.count()).toBe(1);

    // The log names who signed in, and carries no code, state, session id or login id.
    const logged = logLines.join("\n");
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
    await useSignIn({ issuer: idTokenProvider.issuer });
    const browser = new HandBrowser();
    expect((await browser.get(await throughProvider(browser, "alice"))).status).toBe(302);
    expect(await sessionOf(browser)).toEqual(alice);
  });

  it("bob signs in through a confidential client with its secret and gets only his groups", async () => {
    await useSignIn({ clientId: confidentialClientId, clientSecret: confidentialClientSecret });
    const browser = new HandBrowser();
    const landed = await browser.get(await throughProvider(browser, "bob"));
    expect(landed.headers.location).toBe("/");
    expect(await sessionOf(browser)).toEqual({
      name: "bob@example.com",
      groups: ["viewers"],
      via: "oidc",
      impersonate: true,
    });
    expect(logLines.join("\n")).not.toContain(confidentialClientSecret);
  });

  it("refuses a replayed callback URL, with or without the old login cookie, and starts no second session", async () => {
    await useSignIn();
    const browser = new HandBrowser();
    const authorizationUrl = await startLogin(browser);
    const loginId = browser.cookie(loginCookie) ?? "";
    const callbackUrl = await authorizeAtProvider(
      browser,
      authorizationUrl,
      "alice",
      `${rollscope.base}${oidcCallbackPath}`,
    );
    expect((await browser.get(callbackUrl)).status).toBe(302);
    expect(await sessions.count()).toBe(1);

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
    expect(await sessions.count()).toBe(1);
    expect(loggedReasons().filter((l) => l.msg === "oidc sign-in failed")).toEqual([
      expect.objectContaining({ reason: "no login cookie" }),
      expect.objectContaining({ reason: "unknown, expired or already used login" }),
    ]);
  });

  it("refuses a callback whose login cookie is missing or tampered with", async () => {
    await useSignIn();
    const missing = new HandBrowser();
    const missingCallback = await throughProvider(missing, "alice");
    missing.cookies.delete(loginCookie);
    const noCookie = await missing.get(missingCallback);
    expect(noCookie.status).toBe(400);
    expect(noCookie.body).toContain("This browser has no sign-in in progress");

    const tampered = new HandBrowser();
    const tamperedCallback = await throughProvider(tampered, "alice");
    const real = tampered.cookie(loginCookie) ?? "";
    tampered.cookies.set(loginCookie, {
      value: `${real.slice(0, -1)}${real.endsWith("A") ? "B" : "A"}`,
      path: "/api/auth",
    });
    const wrongCookie = await tampered.get(tamperedCallback);
    expect(wrongCookie.status).toBe(400);
    expect(wrongCookie.body).toContain("already been completed, has expired");
    expect(await sessions.count()).toBe(0);
    expect(tampered.cookie(sessionCookie)).toBeUndefined();
  });

  it("refuses, by the library's state check, a callback that belongs to another sign-in of the browser", async () => {
    await useSignIn();
    const browser = new HandBrowser();
    const first = await startLogin(browser);
    await startLogin(browser); // a second tab: the login cookie now names the second sign-in
    const firstCallback = await authorizeAtProvider(
      browser,
      first,
      "alice",
      `${rollscope.base}${oidcCallbackPath}`,
    );
    const answer = await browser.get(firstCallback);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("does not belong to the sign-in this browser started");
    expect(loggedReasons().at(-1)?.reason).toMatch(/response check failed: .*"state"/);
    expect(await sessions.count()).toBe(0);
  });

  it("refuses an ID token whose nonce is not the pending login's (the library's nonce check)", async () => {
    class NonceSwapping extends PendingLogins {
      override async take(id: string | undefined): Promise<PendingLogin | undefined> {
        const login = await super.take(id);
        return login && { ...login, nonce: "a-nonce-the-provider-never-saw" };
      }
    }
    await useSignIn({}, new NonceSwapping(sessions.store));
    const browser = new HandBrowser();
    const answer = await browser.get(await throughProvider(browser, "alice"));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("does not belong to the sign-in this browser started");
    expect(loggedReasons().at(-1)?.reason).toMatch(/nonce/);
    expect(await sessions.count()).toBe(0);
  });

  it("sends the pending login's PKCE verifier: with another one the provider refuses the code", async () => {
    class VerifierSwapping extends PendingLogins {
      override async take(id: string | undefined): Promise<PendingLogin | undefined> {
        const login = await super.take(id);
        return login && { ...login, pkceCodeVerifier: `${"x".repeat(43)}` };
      }
    }
    await useSignIn({}, new VerifierSwapping(sessions.store));
    const browser = new HandBrowser();
    const answer = await browser.get(await throughProvider(browser, "alice"));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("refused to complete this sign-in (invalid_grant)");
    expect(loggedReasons().at(-1)?.reason).toBe("token endpoint refused: invalid_grant");
    expect(await sessions.count()).toBe(0);
  });

  it("shows the provider's error when the person cancels at the provider, with a link to try again", async () => {
    await useSignIn();
    const browser = new HandBrowser();
    const authorizationUrl = await startLogin(browser, "/rollouts");
    const callbackUrl = await authorizeAtProvider(
      browser,
      authorizationUrl,
      "alice",
      `${rollscope.base}${oidcCallbackPath}`,
      cancelLink,
    );
    expect(new URL(callbackUrl).searchParams.get("error")).toBe("access_denied");
    const answer = await browser.get(callbackUrl);
    expect(answer.status).toBe(401);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.body).toContain(
      "The identity provider did not sign you in: the sign-in was cancelled or refused (End-User aborted interaction).",
    );
    expect(answer.body).toContain('<a href="/api/auth/login?returnTo=%2Frollouts">Sign in again</a>');
    expect(loggedReasons().at(-1)?.reason).toBe("provider error access_denied");
    expect(await sessions.count()).toBe(0);
  });

  it("shows a 502 page when the provider has gone away by the time the browser comes back", async () => {
    const vanishing = await startTestProvider({ redirectUris: [`${rollscope.base}${oidcCallbackPath}`] });
    await useSignIn({ issuer: vanishing.issuer });
    const browser = new HandBrowser();
    const callbackUrl = await throughProvider(browser, "alice");
    await vanishing.close();
    const answer = await browser.get(callbackUrl);
    expect(answer.status).toBe(502);
    expect(answer.body).toMatch(
      new RegExp(
        `The identity provider at ${vanishing.issuer} could not be reached \\(connection failed \\(`,
      ),
    );
    expect(loggedReasons().at(-1)?.reason).toMatch(/^provider unreachable: connection failed/);
    expect(await sessions.count()).toBe(0);
  });

  it("escapes what a crafted error response carries into the page", async () => {
    await useSignIn();
    const browser = new HandBrowser();
    const state = new URL(await startLogin(browser)).searchParams.get("state") ?? "";
    const crafted = new URL(`${rollscope.base}${oidcCallbackPath}`);
    crafted.search = new URLSearchParams({
      error: "<b>server_error</b>",
      error_description: '<script>alert("x")</script>',
      state,
      iss: provider.issuer,
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
    await useSignIn();
    const refused = new HandBrowser();
    const answer = await refused.get(await throughProvider(refused, "carol"));
    expect(answer.status).toBe(401);
    expect(answer.body).toContain("The identity provider sent no &quot;groups&quot; claim for you");
    expect(loggedReasons().at(-1)?.reason).toBe('groups claim "groups" missing');
    expect(await sessions.count()).toBe(0);

    await useSignIn({ missingGroupsClaim: "no-groups" });
    const accepted = new HandBrowser();
    expect((await accepted.get(await throughProvider(accepted, "carol"))).status).toBe(302);
    expect(await sessionOf(accepted)).toEqual({
      name: "carol@example.com",
      groups: [],
      via: "oidc",
      impersonate: true,
    });
  });

  it("refuses a sign-in without the configured username claim, naming the claim", async () => {
    await useSignIn({ usernameClaim: "preferred_username" });
    const browser = new HandBrowser();
    const answer = await browser.get(await throughProvider(browser, "alice"));
    expect(answer.status).toBe(401);
    expect(answer.body).toContain("your sign-in carries no &quot;preferred_username&quot; claim");
    expect(await sessions.count()).toBe(0);
  });

  it.each(["//evil.example/phish", "https://evil.example/phish", "/\\evil.example"])(
    "ignores returnTo %s and lands on /",
    async (returnTo) => {
      await useSignIn();
      const browser = new HandBrowser();
      const landed = await browser.get(await throughProvider(browser, "alice", returnTo));
      expect(landed.status).toBe(302);
      expect(landed.headers.location).toBe("/");
      expect(await sessionOf(browser)).toEqual(alice);
    },
  );
});
