import type { Delivery, DeliveryKind } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import { ChangeJournal } from "./change-journal";
import type { DeliveryChanges } from "./delivery-index";

const ref = (name: string, kind: DeliveryKind = "Rollout") => ({
  cluster: "prod",
  kind,
  namespace: "shop",
  name,
});
const delivery = (name: string, message: string) => ({ ref: ref(name), message }) as unknown as Delivery;
const upsert = (...deliveries: Delivery[]): DeliveryChanges => ({
  cluster: "prod",
  upserted: deliveries,
  removed: [],
});
const removal = (...names: string[]): DeliveryChanges => ({
  cluster: "prod",
  upserted: [],
  removed: names.map((name) => ({ kind: "Rollout" as const, namespace: "shop", name })),
});
const summary = (changes: DeliveryChanges[] | undefined) =>
  changes?.flatMap((c) => [
    ...c.upserted.map((d) => `${d.ref.name}:${d.message}`),
    ...c.removed.map((r) => `-${r.name}`),
  ]);

describe("the change journal", () => {
  it("answers what changed after an event id of this process, each delivery as it is now", () => {
    const journal = new ChangeJournal({ boot: "beef" });
    expect(journal.since(journal.eventId())).toEqual([]);
    journal.append(upsert(delivery("cart", "v1"), delivery("ledger", "v1")));
    const seen = journal.eventId();
    expect(seen).toBe("beef.1");
    journal.append(upsert(delivery("cart", "v2")));
    journal.append(upsert(delivery("cart", "v3")));
    journal.append(removal("ledger"));
    expect(summary(journal.since(seen))).toEqual(["cart:v3", "-ledger"]);
    expect(summary(journal.since("beef.3"))).toEqual(["-ledger"]);
    expect(journal.since(journal.eventId())).toEqual([]);
  });

  it("a delivery removed and created again is sent as it is now", () => {
    const journal = new ChangeJournal({ boot: "beef" });
    journal.append(upsert(delivery("cart", "v1")));
    journal.append(removal("cart"));
    journal.append(upsert(delivery("cart", "again")));
    expect(summary(journal.since("beef.1"))).toEqual(["cart:again"]);
  });

  it("cannot answer ids of another process, of the future, malformed or missing", () => {
    const journal = new ChangeJournal({ boot: "beef" });
    journal.append(removal("a"));
    for (const id of ["cafe.1", "beef.2", "beef", "beef.-1", "beef.1.part0", "", null, undefined])
      expect(journal.since(id)).toBeUndefined();
  });

  it("keeps one mark per delivery and a bounded number of tombstones; older ids become unknown", () => {
    const journal = new ChangeJournal({ boot: "beef", maxRemoved: 2 });
    for (let i = 0; i < 1000; i++) journal.append(upsert(delivery("cart", `v${i}`)));
    expect(summary(journal.since("beef.0"))).toEqual(["cart:v999"]);
    journal.append(removal("a")); // 1001
    journal.append(removal("b")); // 1002
    expect(summary(journal.since("beef.1000"))).toEqual(["-a", "-b"]);
    journal.append(removal("c")); // 1003: the tombstone of a (1001) is dropped
    expect(journal.since("beef.1000")).toBeUndefined();
    expect(summary(journal.since("beef.1001"))).toEqual(["-b", "-c"]);
  });
});
