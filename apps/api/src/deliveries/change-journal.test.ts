import type { Delivery } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import { ChangeJournal } from "./change-journal";
import type { DeliveryChanges } from "./delivery-index";

const removal = (name: string): DeliveryChanges => ({
  cluster: "prod",
  upserted: [],
  removed: [{ kind: "Rollout", namespace: "shop", name }],
});
const upsert = (count: number): DeliveryChanges => ({
  cluster: "prod",
  upserted: Array.from({ length: count }, () => ({}) as Delivery),
  removed: [],
});
const names = (changes: DeliveryChanges[] | undefined) =>
  changes?.flatMap((c) => c.removed.map((r) => r.name));

describe("the change journal", () => {
  it("replays the changes after an event id of this process, oldest first", () => {
    const journal = new ChangeJournal({ boot: "beef" });
    expect(journal.since(journal.eventId())).toEqual([]);
    journal.append(removal("a"));
    const seen = journal.eventId();
    expect(seen).toBe("beef.1");
    journal.append(removal("b"));
    journal.append(removal("c"));
    expect(names(journal.since(seen))).toEqual(["b", "c"]);
    expect(journal.since(journal.eventId())).toEqual([]);
  });

  it("cannot replay ids of another process, from the future, malformed or missing", () => {
    const journal = new ChangeJournal({ boot: "beef" });
    journal.append(removal("a"));
    for (const id of ["cafe.1", "beef.2", "beef", "beef.-1", "", null, undefined])
      expect(journal.since(id)).toBeUndefined();
  });

  it("keeps a bounded number of deliveries; an id older than what is kept cannot be replayed", () => {
    const journal = new ChangeJournal({ boot: "beef", maxItems: 10 });
    journal.append(upsert(4));
    const oldest = journal.eventId();
    journal.append(upsert(4));
    const middle = journal.eventId();
    journal.append(upsert(4)); // 12 > 10: the first batch is dropped
    expect(journal.since(journal.eventId(0))).toBeUndefined();
    expect(journal.since(oldest)?.map((c) => c.upserted.length)).toEqual([4, 4]);
    expect(journal.since(middle)?.map((c) => c.upserted.length)).toEqual([4]);
    // One batch larger than the bound is still kept, so the newest change is always replayable.
    journal.append(upsert(30));
    expect(journal.since(middle)).toBeUndefined();
    expect(journal.since(journal.eventId(journal.head - 1))?.map((c) => c.upserted.length)).toEqual([30]);
  });
});
