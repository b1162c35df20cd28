// What `--auth oidc` needs to know, validated once with a message naming the setting. The shape matches
// the `oidc` block of the API's config, so that block can be passed straight in.
import { z } from "zod";
import { isLoopbackUrl } from "./loopback";

/** Claim names as providers spell them ("email", "groups", "preferred_username", "cognito:groups"). */
const claimName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, "a claim name is printable ASCII without spaces");

/** A URL, or undefined: refinements run even after z.url() has failed, so they must not throw. */
function urlOf(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** RFC 6749 scope-token characters. */
const scope = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, "a scope has no spaces, quotes or backslashes");

export const oidcSettingsSchema = z.object({
  /** The provider's issuer identifier, exactly as its discovery document names it. */
  issuer: z
    .url("--oidc-issuer must be a URL")
    .refine((value) => {
      const url = urlOf(value);
      return url?.protocol === "https:" || (url?.protocol === "http:" && isLoopbackUrl(url));
    }, "--oidc-issuer must use https:// (http:// only for a provider on this machine: localhost, 127.0.0.1, [::1])")
    .refine(
      (value) => !urlOf(value)?.search && !urlOf(value)?.hash,
      "--oidc-issuer has no query or fragment",
    ),
  clientId: z.string().min(1, "--oidc-client-id is empty").max(256),
  /** Absent for a public client: PKCE alone then proves the code is ours. Never logged. */
  clientSecret: z.string().min(1).max(4096).optional(),
  scopes: z
    .array(scope)
    .min(1)
    .max(30)
    .default(["openid", "profile", "email", "groups"])
    .refine((scopes) => scopes.includes("openid"), "--oidc-scope must include openid"),
  /** The claim whose value becomes the Kubernetes user name. */
  usernameClaim: claimName.default("email"),
  /** The claim listing the person's groups (Impersonate-Group). */
  groupsClaim: claimName.default("groups"),
  /**
   * A person whose token lacks the groups claim: `refuse` (default), because RBAC bound to groups
   * would silently deny them everything; `no-groups` for clusters that bind roles to users only.
   */
  missingGroupsClaim: z.enum(["refuse", "no-groups"]).default("refuse"),
  /**
   * Only these groups of the claim are passed to the cluster (the groups rbac-oidc.yaml lets Rollscope
   * impersonate); others are dropped, so a person in a dozen company groups can still sign in.
   * Empty: every group but Kubernetes' reserved `system:` ones.
   */
  groupsAllowed: z.array(z.string().min(1).max(256)).max(200).default([]),
  /** The callback registered at the provider; by default derived from the address the browser used. */
  redirectUrl: z
    .url("--oidc-redirect-url must be a URL")
    .refine((value) => /^https?:$/.test(urlOf(value)?.protocol ?? ""), "--oidc-redirect-url must be http(s)")
    .optional(),
  /** How long to wait for the provider on each request (discovery, token, userinfo). */
  timeoutSeconds: z.number().int().min(1).max(120).default(10),
});

export type OidcSettingsInput = z.input<typeof oidcSettingsSchema>;
export type OidcSettings = z.output<typeof oidcSettingsSchema>;

export type OidcSettingsResult = { ok: true; settings: OidcSettings } | { ok: false; error: string };

/** Validates the settings; the error is one line, naming the first problem. */
export function parseOidcSettings(input: unknown): OidcSettingsResult {
  const parsed = oidcSettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return { ok: false, error: `OIDC settings: ${where}${issue?.message ?? "invalid"}` };
}
