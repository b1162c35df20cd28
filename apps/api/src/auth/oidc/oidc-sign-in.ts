// Sign-in with the company's OpenID Connect provider (`--auth oidc`): authorization code + PKCE with
// openid-client. State, nonce, PKCE, issuer and ID-token checks are the library's; this module keeps
// what the checks need server-side, turns the claims into an Actor and starts the same revocable
// session the token sign-in starts. Every failure is a small page a person can act on, and changes
// nothing: no session is created unless every check passed.
//
// Surface, for the wiring:
//
//   import { createOidcSignIn, oidcCallbackPath, oidcLoginPath, OidcStartError } from "../auth/oidc/oidc-sign-in";
//
//   // main.ts, before listening. Validates the settings (the config's `oidc` block fits
//   // OidcSettingsInput) and discovers the provider; throws OidcStartError with one line to print before
//   // exiting when the settings are wrong or the issuer is wrong or unreachable.
//   const oidc = await createOidcSignIn({ settings: config.oidc, sessions, webPort, log });
//
//   // http-server.ts, after the Host check and before authentication (these two are how one signs in):
//   if (path === oidcLoginPath) return oidc.start(req, res);       // GET /api/auth/login?returnTo=/path
//   if (path === oidcCallbackPath) return oidc.callback(req, res); // GET /api/auth/callback (the provider's redirect)
//
//   // The web sign-in page: a plain link or top-level navigation (not fetch) to
//   // `/api/auth/login?returnTo=<the page's path>`. Sign-out stays DELETE /api/session: the session
//   // cookie has the same name (sessionCookieName(webPort)) and lives in the same SessionStore.
//
// The callback lands the browser on returnTo with a SameSite=Strict session cookie. Browsers do not send
// Strict cookies on a navigation whose redirect chain began on another site (the provider), so that
// first page load arrives without it; the page's own later requests (/api/session, tRPC) carry it.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  authorizationCodeGrant,
  buildAuthorizationUrl,
  type Configuration,
  calculatePKCECodeChallenge,
  fetchUserInfo,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
} from "openid-client";
import type { Logger } from "../../observability/logger";
import { clientAddress } from "../../server/client-address";
import { cookieValue, sessionCookieHeader } from "../../server/cookies";
import { sessionCookieName } from "../../server/request-guard";
import type { SessionStore } from "../../server/session-store";
import { callbackUrl } from "./callback-url";
import { discoverProvider, OidcStartError } from "./discover-provider";
import { actorFromClaims, type Claims, type IdentityResult, lacksClaim } from "./identity-claims";
import { oidcCallbackPath, oidcLoginPath } from "./oidc-paths";
import { type OidcSettings, type OidcSettingsInput, parseOidcSettings } from "./oidc-settings";
import { type PendingLogin, PendingLogins } from "./pending-logins";
import { safeReturnTo } from "./return-to";
import { loginCookieHeader, loginCookieName } from "./sign-in-cookies";
import { signInErrorPage } from "./sign-in-error-page";
import { describeSignInFailure, type SignInFailure } from "./sign-in-failure";

export { OidcStartError } from "./discover-provider";
export {
  type OidcSettings,
  type OidcSettingsInput,
  oidcSettingsSchema,
  parseOidcSettings,
} from "./oidc-settings";
export { type PendingLogin, PendingLogins } from "./pending-logins";

export { oidcCallbackPath, oidcLoginPath };

export interface OidcSignInOptions {
  settings: OidcSettingsInput;
  /** Where sessions live; the same store the request guard reads. */
  sessions: SessionStore;
  /** The web port, which names the cookies (rollscope_session_<port>, rollscope_login_<port>). */
  webPort: number | string;
  log: Logger;
  /** Sign-ins on their way through the provider; in the sessions' store unless given (tests). */
  pendingLogins?: PendingLogins;
}

/** Validates the settings and discovers the provider; throws OidcStartError (one line) when it cannot. */
export async function createOidcSignIn(options: OidcSignInOptions): Promise<OidcSignIn> {
  const parsed = parseOidcSettings(options.settings);
  if (!parsed.ok) throw new OidcStartError(parsed.error);
  const provider = await discoverProvider(parsed.settings);
  return new OidcSignIn(provider, parsed.settings, options);
}

const tryAgainHref = (returnTo: string) => `${oidcLoginPath}?returnTo=${encodeURIComponent(returnTo)}`;

export class OidcSignIn {
  private readonly sessions: SessionStore;
  private readonly log: Logger;
  private readonly pending: PendingLogins;
  private readonly sessionCookie: string;
  private readonly loginCookie: string;

  constructor(
    private readonly provider: Configuration,
    readonly settings: OidcSettings,
    options: Omit<OidcSignInOptions, "settings">,
  ) {
    this.sessions = options.sessions;
    this.log = options.log;
    this.pending = options.pendingLogins ?? new PendingLogins(options.sessions.store);
    this.sessionCookie = sessionCookieName(options.webPort);
    this.loginCookie = loginCookieName(options.webPort);
  }

  /** GET /api/auth/login?returnTo=/path: remembers a pending login and sends the browser to the provider. */
  async start(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "GET") return this.refuse(req, res, notGet);
    const returnTo = safeReturnTo(
      new URL(req.url ?? "/", "http://rollscope.invalid").searchParams.get("returnTo"),
    );
    const redirectUri = callbackUrl(req, this.settings.redirectUrl);
    if (!redirectUri)
      return this.refuse(req, res, {
        status: 400,
        message:
          "Rollscope cannot tell which address you opened it at (no usable Host header), so it cannot ask the identity provider to send you back.",
        reason: "no usable host for the redirect URL",
      });
    const pkceCodeVerifier = randomPKCECodeVerifier();
    const login = { state: randomState(), nonce: randomNonce(), pkceCodeVerifier, redirectUri, returnTo };
    const authorizationUrl = buildAuthorizationUrl(this.provider, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes.join(" "),
      code_challenge: await calculatePKCECodeChallenge(pkceCodeVerifier),
      code_challenge_method: "S256",
      state: login.state,
      nonce: login.nonce,
    });
    const id = await this.pending.add(login);
    res.writeHead(302, {
      location: authorizationUrl.href,
      "cache-control": "no-store",
      "set-cookie": loginCookieHeader(req, this.loginCookie, id, this.pending.lifetimeSeconds),
    });
    res.end();
  }

  /** GET /api/auth/callback: completes the pending login, starts a session and returns the browser to returnTo. */
  async callback(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "GET") return this.refuse(req, res, notGet);
    const loginId = cookieValue(req, this.loginCookie);
    if (loginId === undefined) return this.refuse(req, res, noLoginCookie);
    // Taken, not read: whatever happens next, this login cannot be completed a second time.
    const login = await this.pending.take(loginId);
    if (!login) return this.refuse(req, res, unknownLogin);
    let identity: IdentityResult;
    try {
      identity = await this.identify(req, login);
    } catch (error) {
      return this.refuse(req, res, describeSignInFailure(error, this.settings.issuer), login.returnTo);
    }
    if (!identity.ok)
      return this.refuse(
        req,
        res,
        { status: 401, message: identity.message, reason: identity.reason },
        login.returnTo,
      );
    // A new sign-in replaces the browser's old session (if the browser sent it along).
    await this.sessions.revoke(cookieValue(req, this.sessionCookie));
    const sessionId = await this.sessions.create(identity.actor);
    this.log.info(
      { client: clientAddress(req), user: identity.actor.name, groups: identity.actor.groups },
      "signed in with oidc",
    );
    res.writeHead(302, {
      location: login.returnTo,
      "cache-control": "no-store",
      "set-cookie": [
        sessionCookieHeader(req, this.sessionCookie, sessionId, this.sessions.lifetimeSeconds),
        loginCookieHeader(req, this.loginCookie, "", 0),
      ],
    });
    res.end();
  }

  /** The code grant with the library's checks, then the person's claims: ID token first, userinfo for what it lacks. */
  private async identify(req: IncomingMessage, login: PendingLogin): Promise<IdentityResult> {
    // The library reads the answer from the URL and sends the URL without its query as redirect_uri,
    // which must be the one the login started with, whatever Host this request carries.
    const currentUrl = new URL(login.redirectUri);
    currentUrl.search = new URL(req.url ?? "/", "http://rollscope.invalid").search;
    const tokens = await authorizationCodeGrant(this.provider, currentUrl, {
      expectedState: login.state,
      expectedNonce: login.nonce,
      pkceCodeVerifier: login.pkceCodeVerifier,
      idTokenExpected: true,
    });
    const idClaims: Claims = tokens.claims() ?? {};
    const sources: Claims[] = [idClaims];
    const { usernameClaim, groupsClaim } = this.settings;
    const lacking = lacksClaim(idClaims, usernameClaim) || lacksClaim(idClaims, groupsClaim);
    const subject = idClaims.sub;
    if (lacking && this.provider.serverMetadata().userinfo_endpoint && typeof subject === "string")
      sources.push(await fetchUserInfo(this.provider, tokens.access_token, subject));
    return actorFromClaims(sources, this.settings);
  }

  /** The error page; the login cookie is cleared, nothing else changes. */
  private refuse(req: IncomingMessage, res: ServerResponse, failure: SignInFailure, returnTo = "/"): void {
    this.log.warn({ client: clientAddress(req), reason: failure.reason }, "oidc sign-in failed");
    res.writeHead(failure.status, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "set-cookie": loginCookieHeader(req, this.loginCookie, "", 0),
      ...(failure.status === 405 ? { allow: "GET" } : {}),
    });
    res.end(signInErrorPage(failure.message, tryAgainHref(returnTo)));
  }
}

const notGet: SignInFailure = {
  status: 405,
  message: "Sign-in is a plain link: open it in the browser.",
  reason: "not a GET request",
};

const noLoginCookie: SignInFailure = {
  status: 400,
  message:
    "This browser has no sign-in in progress: it was started in another browser, more than ten minutes ago, or has already finished. Sign in again.",
  reason: "no login cookie",
};

const unknownLogin: SignInFailure = {
  status: 400,
  message:
    "This sign-in has already been completed, has expired (after ten minutes) or was not started here. Sign in again.",
  reason: "unknown, expired or already used login",
};
