import { describe, expect, it } from "vitest";
import { Backoff } from "./backoff";
import { HealthTracker } from "./health-tracker";

const network = { message: "connection to the API server failed: ECONNREFUSED", fatal: false };

describe("HealthTracker", () => {
  it("goes connecting → connected → reconnecting → connected, with since and lastError", () => {
    let now = 0;
    const health = new HealthTracker(() => new Date(now));
    health.add("a");
    health.add("b");
    health.ok("a");
    expect(health.snapshot()).toMatchObject({ state: "connecting", synced: false });
    now = 1000;
    health.ok("b");
    expect(health.snapshot()).toEqual({
      state: "connected",
      since: new Date(1000).toISOString(),
      synced: true,
      absent: [],
    });
    now = 2000;
    health.failed("a", network);
    expect(health.snapshot()).toMatchObject({
      state: "reconnecting",
      lastError: network.message,
      synced: true,
    });
    expect(health.snapshot().since).toBe(new Date(2000).toISOString());
    health.ok("a");
    expect(health.snapshot().state).toBe("connected");
    expect(health.snapshot().lastError).toBeUndefined();
  });

  it("tells its listeners when synced changes, also while the state stays connected", () => {
    const health = new HealthTracker();
    const seen: Array<[string, boolean]> = [];
    health.subscribe((h) => seen.push([h.state, h.synced]));
    health.add("a");
    health.ok("a");
    expect(seen).toEqual([["connected", true]]);
    health.add("b"); // a CRD installed later: its informer has not listed yet
    health.ok("b");
    expect(seen).toEqual([
      ["connected", true],
      ["connected", false],
      ["connected", true],
    ]);
  });

  it("stays connecting, with the error, when the first connection fails; error when fatal", () => {
    const health = new HealthTracker();
    health.add("a");
    health.failed("a", network);
    expect(health.snapshot()).toMatchObject({ state: "connecting", lastError: network.message });
    health.failed("a", { message: "unauthorized", fatal: true, status: 401 });
    expect(health.snapshot()).toMatchObject({ state: "error", lastError: "unauthorized" });
  });

  it("does not leave connected when an informer is added later", () => {
    const health = new HealthTracker();
    health.add("a");
    health.ok("a");
    health.add("canaries");
    expect(health.snapshot()).toMatchObject({ state: "connected", synced: false });
    health.ok("canaries");
    expect(health.snapshot()).toMatchObject({ state: "connected", synced: true });
  });

  it("notifies on state and absent-controller changes only", () => {
    const health = new HealthTracker();
    const seen: string[] = [];
    health.subscribe((h) => seen.push(`${h.state}:${h.absent.length}`));
    health.add("a");
    health.ok("a");
    health.ok("a");
    health.setAbsent([{ controller: "flagger", hint: "Flagger CRDs not installed" }]);
    health.setAbsent([{ controller: "flagger", hint: "Flagger CRDs not installed" }]);
    expect(seen).toEqual(["connected:0", "connected:1"]);
  });
});

describe("Backoff", () => {
  it("doubles up to the cap, with the upper half jittered, and resets", () => {
    const lowest = new Backoff({ initialMs: 1000, maxMs: 30_000 }, () => 0);
    expect([1, 2, 3, 4, 5, 6, 7].map(() => lowest.next())).toEqual([
      500, 1000, 2000, 4000, 8000, 15_000, 15_000,
    ]);
    const highest = new Backoff({ initialMs: 1000, maxMs: 30_000 }, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(() => highest.next())).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000]);
    highest.reset();
    expect(highest.next()).toBe(1000);
  });
});
