import { describe, expect, it } from "vitest";
import { ReviewCache } from "./review-cache";

function counter(answer = true) {
  let calls = 0;
  return {
    ask: () => {
      calls += 1;
      return Promise.resolve(answer);
    },
    get calls() {
      return calls;
    },
  };
}

describe("ReviewCache", () => {
  it("reuses an answer until it expires, and shares one request among identical questions in flight", async () => {
    let now = 0;
    const cache = new ReviewCache(1_000, () => now);
    const asked = counter();
    await Promise.all([cache.answer("k", asked.ask), cache.answer("k", asked.ask)]);
    expect(asked.calls).toBe(1);
    now = 999;
    await cache.answer("k", asked.ask);
    expect(asked.calls).toBe(1);
    now = 1_000;
    await cache.answer("k", asked.ask);
    expect(asked.calls).toBe(2);
  });

  it("does not keep a failed question", async () => {
    const cache = new ReviewCache(1_000);
    await expect(cache.answer("k", () => Promise.reject(new Error("away")))).rejects.toThrow("away");
    expect(await cache.answer("k", () => Promise.resolve(false))).toBe(false);
  });

  it("stays bounded: expired answers go first, then the oldest", async () => {
    let now = 0;
    const cache = new ReviewCache(100, () => now, 10);
    for (let i = 0; i < 5; i += 1) await cache.answer(`old${i}`, counter().ask);
    now = 50;
    for (let i = 0; i < 5; i += 1) await cache.answer(`new${i}`, counter().ask);
    now = 120; // the old ones have expired
    await cache.answer("one-more", counter().ask);
    expect(cache.size).toBe(6);

    for (let i = 0; i < 5; i += 1) await cache.answer(`fresh${i}`, counter().ask);
    // 11 live answers: evicted down to nine, oldest first.
    expect(cache.size).toBe(9);
    const asked = counter();
    await cache.answer("new0", asked.ask);
    await cache.answer("fresh4", asked.ask);
    expect(asked.calls).toBe(1);
  });
});
