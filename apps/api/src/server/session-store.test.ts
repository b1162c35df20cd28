import { describe, expect, it } from "vitest";
import type { Actor } from "../identity/actor";
import { AuthThrottle } from "./auth-throttle";
import { SessionStore } from "./session-store";

const person = (name: string): Actor => ({ name, groups: [], via: "token", impersonate: false });

describe("sessions", () => {
  it("are opaque, expire, and end for good when revoked", () => {
    let now = 0;
    const store = new SessionStore({ lifetimeMs: 1000, now: () => now });
    const id = store.create(person("ci"));
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.get(id)?.actor.name).toBe("ci");
    expect(store.get(`${id}x`)).toBeUndefined();
    expect(store.get("%E0%A4%A")).toBeUndefined();
    now = 1000;
    expect(store.get(id)).toBeUndefined();
    const second = store.create(person("ci"));
    expect(store.revoke(second)).toBe(true);
    expect(store.get(second)).toBeUndefined();
  });

  it("keep at most the configured number, dropping the oldest", () => {
    const store = new SessionStore({ maxSessions: 2 });
    const first = store.create(person("a"));
    store.create(person("b"));
    store.create(person("c"));
    expect(store.size).toBe(2);
    expect(store.get(first)).toBeUndefined();
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
