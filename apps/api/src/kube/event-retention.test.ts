import { describe, expect, it } from "vitest";
import { EventRetention, eventTime } from "./event-retention";

const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s)).toISOString();
const event = (name: string, involved: string, second: number) => ({
  metadata: { namespace: "shop", name },
  involvedObject: { kind: "Rollout", namespace: "shop", name: involved },
  lastTimestamp: at(second),
});

describe("EventRetention", () => {
  it("keeps the newest events per involved object from a list", () => {
    const retention = new EventRetention(2);
    const kept = retention.select([
      event("a1", "a", 1),
      event("a3", "a", 3),
      event("b1", "b", 1),
      event("a2", "a", 2),
    ]);
    expect(kept.map((e) => e.metadata.name).sort()).toEqual(["a2", "a3", "b1"]);
  });

  it("pushes out the oldest event of the same object when one more arrives", () => {
    const retention = new EventRetention(2);
    expect(retention.track(event("a1", "a", 1))).toEqual([]);
    expect(retention.track(event("a2", "a", 2))).toEqual([]);
    expect(retention.track(event("b1", "b", 0))).toEqual([]);
    expect(retention.track(event("a3", "a", 3))).toEqual(["shop/a1"]);
    // An event older than everything kept goes straight out.
    expect(retention.track(event("a0", "a", 0))).toEqual(["shop/a0"]);
    // An updated event (count bumped, lastTimestamp moved) counts as new.
    expect(retention.track(event("a2", "a", 9))).toEqual([]);
    retention.forget("shop/a3");
    expect(retention.track(event("a4", "a", 4))).toEqual([]);
  });

  it("orders by series, lastTimestamp, eventTime, then creation", () => {
    expect(eventTime({ metadata: { creationTimestamp: at(1) } })).toBe(Date.parse(at(1)));
    expect(eventTime({ eventTime: at(2), metadata: { creationTimestamp: at(1) } })).toBe(Date.parse(at(2)));
    expect(eventTime({ series: { lastObservedTime: at(5) }, lastTimestamp: at(3) })).toBe(Date.parse(at(5)));
    expect(eventTime({})).toBe(0);
  });
});
