// Who signed in, from the provider's claims: the username claim becomes the Kubernetes user name and
// the groups claim the groups Rollscope impersonates, so the cluster's RBAC decides. Claims are checked
// for shape and size (they end up in HTTP headers); anything missing or odd is refused with the claim
// named, never guessed — a wrong or empty group list would make RBAC deny or allow the wrong things.
import type { Actor } from "@rollscope/shared/identity/actor";
import type { OidcSettings } from "./oidc-settings";

export type Claims = Readonly<Record<string, unknown>>;

export type IdentityResult = { ok: true; actor: Actor } | { ok: false; reason: string; message: string };

const maxNameLength = 256;
const maxGroups = 200;

/** Printable, no control characters: the value goes into Impersonate-User/-Group headers and the audit. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const headerSafe = (value: string) => value.length <= maxNameLength && !/[\u0000-\u001f\u007f]/.test(value);

/** The claim's value from the first source that has it (ID token first, then userinfo). */
export function claimFrom(sources: readonly Claims[], name: string): unknown {
  for (const claims of sources) if (claims[name] !== undefined && claims[name] !== null) return claims[name];
  return undefined;
}

/** Whether a claim is absent from every source (so userinfo is worth asking). */
export function lacksClaim(claims: Claims, name: string): boolean {
  return claims[name] === undefined || claims[name] === null;
}

export function actorFromClaims(
  sources: readonly Claims[],
  settings: Pick<OidcSettings, "usernameClaim" | "groupsClaim" | "missingGroupsClaim"> &
    Partial<Pick<OidcSettings, "groupsAllowed">>,
): IdentityResult {
  const { usernameClaim, groupsClaim } = settings;
  const name = claimFrom(sources, usernameClaim);
  if (typeof name !== "string" || name.trim() === "")
    return {
      ok: false,
      reason: `username claim "${usernameClaim}" ${name === undefined ? "missing" : "not a non-empty string"}`,
      message: `The identity provider did not say who you are: your sign-in carries no "${usernameClaim}" claim${name === undefined ? "" : " with a name in it"}. Ask whoever runs Rollscope to request the scope that provides it, or to set --oidc-username-claim to a claim your provider sends.`,
    };
  if (!headerSafe(name))
    return {
      ok: false,
      reason: `username claim "${usernameClaim}" too long or has control characters`,
      message: `The "${usernameClaim}" claim your identity provider sent is not usable as a Kubernetes user name (too long, or has control characters).`,
    };
  const rawGroups = claimFrom(sources, groupsClaim);
  let groups: string[];
  if (rawGroups === undefined) {
    if (settings.missingGroupsClaim === "refuse")
      return {
        ok: false,
        reason: `groups claim "${groupsClaim}" missing`,
        message: `The identity provider sent no "${groupsClaim}" claim for you, so the cluster could not tell which groups you belong to and would deny you everything. Ask whoever runs Rollscope to have the provider send "${groupsClaim}" (often a "groups" scope), or to set --oidc-groups-claim.`,
      };
    groups = [];
  } else if (typeof rawGroups === "string") {
    // Some providers send a single group as a plain string.
    groups = [rawGroups];
  } else if (Array.isArray(rawGroups) && rawGroups.every((g): g is string => typeof g === "string")) {
    groups = rawGroups;
  } else {
    return {
      ok: false,
      reason: `groups claim "${groupsClaim}" is not a list of strings`,
      message: `The "${groupsClaim}" claim your identity provider sent is not a list of group names.`,
    };
  }
  if (groups.length > maxGroups || !groups.every((g) => g !== "" && headerSafe(g)))
    return {
      ok: false,
      reason: `groups claim "${groupsClaim}" has too many, empty or unusable entries`,
      message: `The "${groupsClaim}" claim your identity provider sent has more than ${maxGroups} groups, or names that cannot be sent to Kubernetes.`,
    };
  const allowed = settings.groupsAllowed ?? [];
  const passed = allowed.length > 0 ? groups.filter((g) => allowed.includes(g)) : groups;
  return { ok: true, actor: { name, groups: [...new Set(passed)], via: "oidc", impersonate: true } };
}
