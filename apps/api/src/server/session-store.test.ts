import { createHash } from "node:crypto";
import type { Actor } from "@rollscope/shared/identity/actor";
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "../store/database";
import { backendNamed, type StoreUnderTest, storeBackendNames } from "../store/testing/store-matrix";
import { AuthThrottle } from "./auth-throttle";
import { SessionStore, type SessionStoreOptions } from "./session-store";

const person = (name: string): Actor => ({ name, groups: [], via: "token", impersonate: false });

describe.each(storeBackendNames())("sessions on %s", (backend) => {
  let store: StoreUnderTest | undefined;
  const opened: Database[] = [];
  /** One replica's sessions: its own connection to the shared store. */
  const replica = async (options?: SessionStoreOptions) => {
    store ??= await backendNamed(backend)();
    const database = await store.open();
    opened.push(database);
    return new SessionStore(database, options);
  };
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    await store?.cleanup();
    store = undefined;
  });

  it("are opaque, expire, and end for good when revoked", async () => {
    let now = 0;
    const sessions = await replica({ lifetimeMs: 1000, now: () => now });
    const id = await sessions.create(person("ci"));
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await sessions.get(id)).toEqual({ actor: person("ci"), createdAt: 0, expiresAt: 1000 });
    expect(await sessions.get(`${id}x`)).toBeUndefined();
    expect(await sessions.get("%E0%A4%A")).toBeUndefined();
    expect(await sessions.get("x".repeat(10_000))).toBeUndefined();
    now = 1000;
    expect(await sessions.get(id)).toBeUndefined();
    expect(await sessions.count()).toBe(0);
    const second = await sessions.create(person("ci"));
    expect(await sessions.revoke(second)).toBe(true);
    expect(await sessions.revoke(second)).toBe(false);
    expect(await sessions.get(second)).toBeUndefined();
  });

  it("keep only the hash of the id", async () => {
    const sessions = await replica();
    const id = await sessions.create(person("ci"));
    const rows = await (opened[0] as Database).db.selectFrom("sessions").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(id);
  });

  it("started on one replica are valid on another, and a sign-out on one ends them on all", async () => {
    const a = await replica();
    const b = await replica();
    const id = await a.create({ name: "ana@example.com", groups: ["devs"], via: "oidc", impersonate: true });
    expect((await b.get(id))?.actor).toEqual({
      name: "ana@example.com",
      groups: ["devs"],
      via: "oidc",
      impersonate: true,
    });
    expect(await b.revoke(id)).toBe(true);
    expect(await a.get(id)).toBeUndefined();
  });

  it("remove expired sessions when someone signs in", async () => {
    let now = 0;
    const sessions = await replica({ lifetimeMs: 1000, now: () => now });
    await sessions.create(person("a"));
    await sessions.create(person("b"));
    now = 2000;
    await sessions.create(person("c"));
    const left = await (opened[0] as Database).db.selectFrom("sessions").select("actor").execute();
    expect(left.map((r) => JSON.parse(r.actor).name)).toEqual(["c"]);
  });

  it("open nothing with a stored session whose person cannot be read, and remove it", async () => {
    const sessions = await replica();
    const database = opened[0] as Database;
    const id = "a".repeat(43);
    await database.db
      .insertInto("sessions")
      .values({
        id_hash: createHash("sha256").update(id).digest("base64url"),
        created_ms: Date.now(),
        expires_ms: Date.now() + 60_000,
        actor: '{"name":"root","via":"root"}',
      })
      .execute();
    expect(await sessions.get(id)).toBeUndefined();
    expect(await database.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
  });

  it("keep at most the configured number, dropping the oldest", async () => {
    let now = 0;
    const sessions = await replica({ maxSessions: 2, now: () => now });
    const first = await sessions.create(person("a"));
    now = 1;
    const second = await sessions.create(person("b"));
    now = 2;
    const third = await sessions.create(person("c"));
    expect(await sessions.count()).toBe(2);
    expect(await sessions.get(first)).toBeUndefined();
    expect((await sessions.get(second))?.actor.name).toBe("b");
    expect((await sessions.get(third))?.actor.name).toBe("c");
  });
});

describe("failed-authentication throttle", () => {
  it("blocks a client after the allowed failures until the window ends, per client", () => {
    let now = 0;
    const throttle = new AuthThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterSeconds("10.0.0.1")).toBe(0);
      throttle.fail("10.0.0.1");
    }
    expect(throttle.retryAfterSeconds("10.0.0.1")).toBe(60);
    expect(throttle.retryAfterSeconds("10.0.0.2")).toBe(0);
    now = 30_000;
    expect(throttle.retryAfterSeconds("10.0.0.1")).toBe(30);
    now = 60_000;
    expect(throttle.retryAfterSeconds("10.0.0.1")).toBe(0);
  });

  it("forgets a client on success and bounds the clients it remembers", () => {
    const throttle = new AuthThrottle({ maxFailures: 1, maxClients: 2 });
    throttle.fail("a");
    throttle.succeed("a");
    expect(throttle.retryAfterSeconds("a")).toBe(0);
    throttle.fail("b");
    throttle.fail("c");
    throttle.fail("d");
    expect(throttle.retryAfterSeconds("b")).toBe(0);
    expect(throttle.retryAfterSeconds("d")).toBeGreaterThan(0);
  });
});
