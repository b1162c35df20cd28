// Pending logins are single use, expire after ten minutes and are bounded, oldest first.
import { describe, expect, it } from "vitest";
import { type PendingLogin, PendingLogins } from "./pending-logins";

const login = (returnTo = "/"): PendingLogin => ({
  state: "s",
  nonce: "n",
  pkceCodeVerifier: "v",
  redirectUri: "http://127.0.0.1:3100/api/auth/callback",
  returnTo,
});

describe("PendingLogins", () => {
  it("gives a login back once, under an opaque random id", () => {
    const pending = new PendingLogins();
    const id = pending.add(login("/rollouts"));
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pending.take(id)).toEqual(login("/rollouts"));
    expect(pending.take(id)).toBeUndefined();
    expect(pending.size).toBe(0);
  });

  it("knows nothing of an unknown, empty or oversized id", () => {
    const pending = new PendingLogins();
    pending.add(login());
    expect(pending.take(undefined)).toBeUndefined();
    expect(pending.take("")).toBeUndefined();
    expect(pending.take("x".repeat(129))).toBeUndefined();
    expect(pending.take("not-an-id")).toBeUndefined();
    expect(pending.size).toBe(1);
  });

  it("forgets a login after ten minutes", () => {
    let now = 0;
    const pending = new PendingLogins({ now: () => now });
    expect(pending.lifetimeSeconds).toBe(600);
    const id = pending.add(login());
    now = 10 * 60 * 1000;
    expect(pending.take(id)).toBeUndefined();
  });

  it("drops the oldest when full, and expired ones whenever a login is added", () => {
    let now = 0;
    const pending = new PendingLogins({ maxPending: 2, now: () => now });
    const first = pending.add(login("/1"));
    const second = pending.add(login("/2"));
    const third = pending.add(login("/3"));
    expect(pending.size).toBe(2);
    expect(pending.take(first)).toBeUndefined();
    expect(pending.take(second)?.returnTo).toBe("/2");
    now = 11 * 60 * 1000;
    pending.add(login("/4"));
    expect(pending.size).toBe(1);
    expect(pending.take(third)).toBeUndefined();
  });
});
