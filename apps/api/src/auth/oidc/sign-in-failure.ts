// What went wrong in a sign-in, told twice: a sentence for the person (on the error page) and a short
// reason for the log. Neither ever contains a code, token, state, cookie or secret.
import { AuthorizationResponseError, ClientError, ResponseBodyError } from "openid-client";

export interface SignInFailure {
  status: 400 | 401 | 405 | 502;
  /** For the person: what happened and what to do. */
  message: string;
  /** For the log. */
  reason: string;
}

/** Provider-supplied text is bounded; it is shown escaped, never trusted. */
const short = (text: unknown, max = 200) =>
  typeof text === "string" ? text.replace(/\s+/g, " ").slice(0, max) : undefined;

/** Why the provider could not be reached: refused, timed out, unknown name…; undefined if it was reached. */
export function unreachableReason(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === "TimeoutError" || error.name === "AbortError") return "no answer in time";
  if (error instanceof TypeError && error.message === "fetch failed") {
    const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
    const code = typeof cause?.code === "string" ? cause.code : undefined;
    return code ? `connection failed (${code})` : `connection failed (${short(cause?.message) ?? "unknown"})`;
  }
  return undefined;
}

export function describeSignInFailure(error: unknown, issuer: string): SignInFailure {
  if (error instanceof AuthorizationResponseError) {
    const description = short(error.error_description);
    return {
      status: 401,
      message:
        error.error === "access_denied"
          ? `The identity provider did not sign you in: the sign-in was cancelled or refused (${description ?? "access_denied"}).`
          : `The identity provider did not sign you in: ${short(error.error, 100)}${description ? ` (${description})` : ""}.`,
      reason: `provider error ${short(error.error, 100)}`,
    };
  }
  if (error instanceof ResponseBodyError)
    return {
      status: 400,
      message: `The identity provider refused to complete this sign-in (${short(error.error, 100)}). Sign in again; if it keeps happening, ask whoever runs Rollscope to check its client settings at the provider.`,
      reason: `token endpoint refused: ${short(error.error, 100)}`,
    };
  const unreachable = unreachableReason(error);
  if (unreachable)
    return {
      status: 502,
      message: `The identity provider at ${issuer} could not be reached (${unreachable}). Try again in a moment; if it persists, tell whoever runs Rollscope.`,
      reason: `provider unreachable: ${unreachable}`,
    };
  if (error instanceof ClientError) {
    const detail = short(error.cause instanceof Error ? error.cause.message : error.message) ?? "";
    // The library's checks of what came back: state (this browser's sign-in), issuer, nonce, ID token.
    if (error.code === "OAUTH_INVALID_RESPONSE" || error.code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED")
      return {
        status: 400,
        message:
          "This answer from the identity provider does not belong to the sign-in this browser started (it may come from another tab or an old link, or have been altered). Sign in again.",
        reason: `response check failed: ${detail}`,
      };
    return {
      status: 502,
      message: `The identity provider at ${issuer} answered in a way Rollscope cannot use. Try again; if it persists, tell whoever runs Rollscope.`,
      reason: `unusable provider answer (${error.code ?? "no code"}): ${detail}`,
    };
  }
  return {
    status: 502,
    message: `Signing in with the identity provider at ${issuer} failed unexpectedly. Try again; if it persists, tell whoever runs Rollscope.`,
    reason: `unexpected: ${short(error instanceof Error ? error.message : String(error))}`,
  };
}
