// Finds the OpenID provider from its issuer (OIDC Discovery) once, at start. A wrong or unreachable
// issuer stops Rollscope with one line saying which and why, rather than letting every person's sign-in
// fail later; if the provider is down at start, restarting (or the orchestrator's restart) retries.
import {
  allowInsecureRequests,
  type ClientAuth,
  ClientError,
  ClientSecretBasic,
  ClientSecretPost,
  type Configuration,
  discovery,
  None,
} from "openid-client";
import { isLoopbackUrl } from "./loopback";
import type { OidcSettings } from "./oidc-settings";
import { unreachableReason } from "./sign-in-failure";

/** Sign-in cannot work with these settings; the message is one line, fit to print before exiting. */
export class OidcStartError extends Error {
  override name = "OidcStartError";
}

/**
 * A confidential client authenticates with its secret the way the provider lists: HTTP Basic, the
 * spec's default, unless the provider supports only client_secret_post.
 */
function secretAuthentication(secret: string): ClientAuth {
  const basic = ClientSecretBasic(secret);
  const post = ClientSecretPost(secret);
  return (as, client, body, headers) => {
    const methods = as.token_endpoint_auth_methods_supported;
    const postOnly =
      methods && !methods.includes("client_secret_basic") && methods.includes("client_secret_post");
    return (postOnly ? post : basic)(as, client, body, headers);
  };
}

function whyDiscoveryFailed(error: unknown, issuer: string): string {
  const unreachable = unreachableReason(error);
  if (unreachable) return `it could not be reached: ${unreachable}`;
  if (error instanceof ClientError) {
    const cause = error.cause;
    if (cause instanceof Response) {
      const what =
        error.code === "OAUTH_RESPONSE_IS_NOT_JSON"
          ? `HTTP ${cause.status} but not JSON`
          : `HTTP ${cause.status}`;
      return `${cause.url || "its discovery document"} answered ${what}: is the issuer URL right?`;
    }
    const found = (cause as { body?: { issuer?: unknown } } | undefined)?.body?.issuer;
    if (error.code === "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED" && typeof found === "string")
      return `its discovery document names the issuer ${found.slice(0, 300)}, not ${issuer}: set --oidc-issuer to exactly that`;
    return `${error.message}${error.code ? ` (${error.code})` : ""}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export async function discoverProvider(settings: OidcSettings): Promise<Configuration> {
  const issuer = new URL(settings.issuer);
  const authentication = settings.clientSecret ? secretAuthentication(settings.clientSecret) : None();
  try {
    return await discovery(issuer, settings.clientId, undefined, authentication, {
      timeout: settings.timeoutSeconds,
      // openid-client refuses http:// (tokens would cross the network in clear). A provider on this
      // machine — a test, a Dex on a laptop — is reached without a network, so only there is it allowed;
      // the settings refuse http:// for any other host.
      execute: issuer.protocol === "http:" && isLoopbackUrl(issuer) ? [allowInsecureRequests] : [],
    });
  } catch (error) {
    throw new OidcStartError(
      `--oidc-issuer ${settings.issuer}: cannot discover the OpenID provider: ${whyDiscoveryFailed(error, settings.issuer)}`,
    );
  }
}
