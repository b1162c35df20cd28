// Claims become an Actor only when they are what Kubernetes impersonation needs: a user name and a
// list of group names, each short and printable; otherwise the refusal names the claim.
import { describe, expect, it } from "vitest";
import { actorFromClaims } from "./identity-claims";

const settings = { usernameClaim: "email", groupsClaim: "groups", missingGroupsClaim: "refuse" } as const;

describe("actorFromClaims", () => {
  it("takes each claim from the first source that has it (ID token, then userinfo)", () => {
    expect(
      actorFromClaims(
        [
          { sub: "1", email: "alice@example.com" },
          { sub: "1", email: "other", groups: ["ops", "ops"] },
        ],
        settings,
      ),
    ).toEqual({
      ok: true,
      actor: { name: "alice@example.com", groups: ["ops"], via: "oidc", impersonate: true },
    });
  });

  it("passes on only the allowed groups, when a list is configured (--oidc-group)", () => {
    expect(
      actorFromClaims([{ email: "a@x", groups: ["rollout-operators", "all-staff", "viewers"] }], {
        ...settings,
        groupsAllowed: ["rollout-operators", "viewers"],
      }),
    ).toMatchObject({ actor: { groups: ["rollout-operators", "viewers"] } });
  });

  it("accepts a single group sent as a string", () => {
    expect(actorFromClaims([{ email: "a@x", groups: "ops" }], settings)).toMatchObject({
      actor: { groups: ["ops"] },
    });
  });

  it("refuses a missing or empty username claim, naming it", () => {
    expect(
      actorFromClaims([{ groups: [] }], { ...settings, usernameClaim: "preferred_username" }),
    ).toMatchObject({
      ok: false,
      reason: 'username claim "preferred_username" missing',
    });
    expect(actorFromClaims([{ email: "  ", groups: [] }], settings)).toMatchObject({
      ok: false,
      reason: 'username claim "email" not a non-empty string',
    });
  });

  it("refuses a missing groups claim unless groups are optional", () => {
    expect(actorFromClaims([{ email: "a@x" }], settings)).toMatchObject({
      ok: false,
      reason: 'groups claim "groups" missing',
    });
    expect(
      actorFromClaims([{ email: "a@x" }], { ...settings, missingGroupsClaim: "no-groups" }),
    ).toMatchObject({
      ok: true,
      actor: { groups: [] },
    });
  });

  it.each([
    [{ email: "a@x", groups: [1, 2] }, 'groups claim "groups" is not a list of strings'],
    [{ email: "a@x", groups: { ops: true } }, 'groups claim "groups" is not a list of strings'],
    [{ email: "a@x", groups: ["ops", ""] }, 'groups claim "groups" has too many, empty or unusable entries'],
    [
      { email: "a@x", groups: ["ops\r\nImpersonate-User: admin"] },
      'groups claim "groups" has too many, empty or unusable entries',
    ],
    [
      { email: "a@x", groups: Array.from({ length: 201 }, (_, i) => `g${i}`) },
      'groups claim "groups" has too many, empty or unusable entries',
    ],
    [{ email: "a\nb", groups: [] }, 'username claim "email" too long or has control characters'],
    [{ email: "a".repeat(257), groups: [] }, 'username claim "email" too long or has control characters'],
  ])("refuses unusable claims %#", (claims, reason) => {
    expect(actorFromClaims([claims], settings)).toMatchObject({ ok: false, reason });
  });
});
