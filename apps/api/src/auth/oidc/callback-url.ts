// The redirect_uri for a sign-in: the configured one, else the callback on the address the browser
// used — the Host Rollscope's web server forwards (already checked against the allow-list), else the
// request's own Host. The provider accepts only registered URIs, so a forged Host goes nowhere.
import type { IncomingMessage } from "node:http";
import { browserHost } from "../../server/request-guard";
import { oidcCallbackPath } from "./oidc-paths";

export function callbackUrl(req: IncomingMessage, configured: string | undefined): string | undefined {
  if (configured) return configured;
  const host = browserHost(req);
  if (!host || host.length > 300 || /[\s/\\@?#]/.test(host)) return undefined;
  // Secure when the dashboard is served over TLS (a proxy in front says so), as for the session cookie.
  const tls = req.headers["x-forwarded-proto"] === "https" || "encrypted" in req.socket;
  return `${tls ? "https" : "http"}://${host}${oidcCallbackPath}`;
}
