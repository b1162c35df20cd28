// Pending logins are single use, expire after ten minutes and are bounded, oldest first; a login
// started on one replica completes on another.
import { describe, expect, it } from "vitest";
import { storeBackendNames, useTestStore } from "../../store/testing/store-matrix";
import { type PendingLogin, PendingLogins } from "./pending-logins";

const login = (returnTo = "/"): PendingLogin => ({
  state: "s",
  nonce: "n",
  pkceCodeVerifier: "v",
  redirectUri: "http://127.0.0.1:3100/api/auth/callback",
  returnTo,
});

describe.each(storeBackendNames())("PendingLogins on %s", (backend) => {
  const { open: database } = useTestStore(backend);

  it("gives a login back once, under an opaque random id of which only the hash is stored", async () => {
    const db = await database();
    const pending = new PendingLogins(db);
    const id = await pending.add(login("/rollouts"));
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db.db.selectFrom("oidc_pending_logins").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(id);
    expect(await pending.take(id)).toEqual(login("/rollouts"));
    expect(await pending.take(id)).toBeUndefined();
    expect(await pending.size()).toBe(0);
  });

  it("knows nothing of an unknown, empty or oversized id", async () => {
    const pending = new PendingLogins(await database());
    await pending.add(login());
    expect(await pending.take(undefined)).toBeUndefined();
    expect(await pending.take("")).toBeUndefined();
    expect(await pending.take("x".repeat(129))).toBeUndefined();
    expect(await pending.take("not-an-id")).toBeUndefined();
    expect(await pending.size()).toBe(1);
  });

  it("forgets a login after ten minutes", async () => {
    let now = 1_000;
    const pending = new PendingLogins(await database(), { now: () => now });
    expect(pending.lifetimeSeconds).toBe(600);
    const id = await pending.add(login());
    now += 10 * 60 * 1000;
    expect(await pending.take(id)).toBeUndefined();
  });

  it("drops the oldest when full, and expired ones whenever a login is added", async () => {
    let now = 1_000;
    const pending = new PendingLogins(await database(), { maxPending: 2, now: () => now });
    const first = await pending.add(login("/1"));
    now += 1;
    const second = await pending.add(login("/2"));
    now += 1;
    const third = await pending.add(login("/3"));
    expect(await pending.size()).toBe(2);
    expect(await pending.take(first)).toBeUndefined();
    expect((await pending.take(second))?.returnTo).toBe("/2");
    now += 11 * 60 * 1000;
    await pending.add(login("/4"));
    expect(await pending.size()).toBe(1);
    expect(await pending.take(third)).toBeUndefined();
  });

  it("a login started on one replica completes on another, once", async () => {
    const onA = new PendingLogins(await database());
    const onB = new PendingLogins(await database());
    const id = await onA.add(login("/from-a"));
    const [first, second] = await Promise.all([onB.take(id), onA.take(id)]);
    expect([first?.returnTo, second?.returnTo].filter(Boolean)).toEqual(["/from-a"]);
  });
});
