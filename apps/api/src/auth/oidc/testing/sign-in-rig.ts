// What the sign-in tests run against: Rollscope's two sign-in routes on a real HTTP server, a real
// certified OpenID provider (oidc-provider) and one that puts the claims in the ID token only, and
// the session store. Each test configures the sign-in it needs and walks a HandBrowser through it.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Actor } from "@rollscope/shared/identity/actor";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { SessionStore } from "../../../server/session-store";
import { type Database, openDatabase } from "../../../store/database";
import {
  createOidcSignIn,
  type OidcSettingsInput,
  type OidcSignIn,
  oidcCallbackPath,
  oidcLoginPath,
  type PendingLogins,
} from "../oidc-sign-in";
import { authorizeAtProvider, type HandBrowser, locationOf } from "./hand-browser";
import { publicClientId, startTestProvider, type TestProvider } from "./test-provider";

export const sessionCookie = "rollscope_session_3100";
export const loginCookie = "rollscope_login_3100";

/** The login cookie's removal once the callback has used it (or refused it). */
export const loginCookieRemoved = {
  name: loginCookie,
  value: "",
  maxAge: 0,
  path: "/api/auth",
  httpOnly: true,
  sameSite: "lax",
};

export const alice: Actor = {
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

export interface SignInRig {
  /** Where Rollscope serves. */
  readonly base: string;
  /** Rollscope's callback URL, where the provider sends the browser back. */
  readonly callbackUrl: string;
  readonly provider: TestProvider;
  /** A provider without a userinfo endpoint: the claims are in the ID token. */
  readonly idTokenProvider: TestProvider;
  readonly sessions: SessionStore;
  /** The log lines written since the test started. */
  readonly logLines: string[];
  /** Makes Rollscope sign people in with these settings (the provider's public client by default). */
  useSignIn(settings?: Partial<OidcSettingsInput>, pendingLogins?: PendingLogins): Promise<OidcSignIn>;
  /** Opens Rollscope's login URL; returns the provider's authorization URL it redirected to. */
  startLogin(browser: HandBrowser, returnTo?: string): Promise<string>;
  /** Signs in as `login` at the provider; returns the callback URL the provider sent the browser to. */
  authorize(
    browser: HandBrowser,
    authorizationUrl: string,
    login: string,
    onLoginPage?: Parameters<typeof authorizeAtProvider>[4],
  ): Promise<string>;
  /** startLogin, then authorize. */
  throughProvider(browser: HandBrowser, login: string, returnTo?: string): Promise<string>;
  /** Who the browser's session cookie signs in, if anyone. */
  sessionOf(browser: HandBrowser): Promise<Actor | undefined>;
  loggedReasons(): Array<{ msg: string; reason?: string }>;
}

/** The rig for the tests of the file that calls it; each test starts with nobody signed in. */
export function useSignInRig(): SignInRig {
  let rollscope: Awaited<ReturnType<typeof startRollscope>>;
  let provider: TestProvider;
  let idTokenProvider: TestProvider;
  let dataDir: string;
  let database: Database;
  let sessions: SessionStore;
  let logLines: string[] = [];
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
    await database.db.deleteFrom("sessions").execute();
    sessions = new SessionStore(database);
    logLines = [];
  });

  const rig: SignInRig = {
    get base() {
      return rollscope.base;
    },
    get callbackUrl() {
      return `${rollscope.base}${oidcCallbackPath}`;
    },
    get provider() {
      return provider;
    },
    get idTokenProvider() {
      return idTokenProvider;
    },
    get sessions() {
      return sessions;
    },
    get logLines() {
      return logLines;
    },
    async useSignIn(settings = {}, pendingLogins) {
      const signIn = await createOidcSignIn({
        settings: { issuer: provider.issuer, clientId: publicClientId, ...settings },
        sessions,
        webPort: 3100,
        log,
        ...(pendingLogins ? { pendingLogins } : {}),
      });
      rollscope.use(signIn);
      return signIn;
    },
    async startLogin(browser, returnTo) {
      const query = returnTo === undefined ? "" : `?returnTo=${encodeURIComponent(returnTo)}`;
      const loginUrl = `${rollscope.base}${oidcLoginPath}${query}`;
      const answer = await browser.get(loginUrl);
      expect(answer.status).toBe(302);
      return locationOf(answer, loginUrl);
    },
    authorize(browser, authorizationUrl, login, onLoginPage) {
      return authorizeAtProvider(browser, authorizationUrl, login, rig.callbackUrl, onLoginPage);
    },
    async throughProvider(browser, login, returnTo) {
      return rig.authorize(browser, await rig.startLogin(browser, returnTo), login);
    },
    async sessionOf(browser) {
      return (await sessions.get(browser.cookie(sessionCookie)))?.actor;
    },
    loggedReasons() {
      return logLines.map((line) => JSON.parse(line) as { msg: string; reason?: string });
    },
  };
  return rig;
}
