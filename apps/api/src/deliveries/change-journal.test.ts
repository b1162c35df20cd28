import type { DeliveryKind, DeliverySummary } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import { ChangeJournal } from "./change-journal";
import type { RowChanges } from "./delivery-index";

const ref = (name: string, kind: DeliveryKind = "Rollout") => ({
  cluster: "prod",
  kind,
  namespace: "shop",
  name,
});
const delivery = (name: string, message: string) =>
  ({ ref: ref(name), message }) as unknown as DeliverySummary;
const upsert = (...rows: DeliverySummary[]): RowChanges => ({ cluster: "prod", rows, removed: [] });
const removal = (...names: string[]): RowChanges => ({
  cluster: "prod",
  rows: [],
  removed: names.map((name) => ({ kind: "Rollout" as const, namespace: "shop", name })),
});
const summary = (changes: RowChanges[] | undefined) =>
  changes?.flatMap((c) => [
    ...c.rows.map((d) => `${d.ref.name}:${d.message}`),
    ...c.removed.map((r) => `-${r.name}`),
  ]);

describe("the change journal", () => {
  it("answers what changed after an event id of this process, each delivery as it is now", () => {
    const journal = new ChangeJournal({ boot: "beef", now: () => 5_000 });
    expect(journal.since(journal.eventId())).toEqual([]);
    journal.append(upsert(delivery("cart", "v1"), delivery("ledger", "v1")));
    const seen = journal.eventId();
    expect(seen).toBe("beef.1.5000");
    journal.append(upsert(delivery("cart", "v2")));
    journal.append(upsert(delivery("cart", "v3")));
    journal.append(removal("ledger"));
    expect(summary(journal.since(seen))).toEqual(["cart:v3", "-ledger"]);
    expect(summary(journal.since("beef.3.5000"))).toEqual(["-ledger"]);
    expect(journal.since(journal.eventId())).toEqual([]);
  });

  it("a delivery removed and created again is sent as it is now", () => {
    const journal = new ChangeJournal({ boot: "beef" });
    journal.append(upsert(delivery("cart", "v1")));
    journal.append(removal("cart"));
    journal.append(upsert(delivery("cart", "again")));
    expect(summary(journal.since("beef.1.0"))).toEqual(["cart:again"]);
  });

  it("cannot answer ids of the future, malformed or missing", () => {
    const journal = new ChangeJournal({ boot: "beef", now: () => 100_000 });
    journal.append(removal("a"));
    for (const id of [
      "beef.2.100000",
      "beef",
      "beef.1",
      "beef.-1.5",
      "beef.1.100000.part0",
      "cafe.1.999999",
      "",
      null,
      undefined,
    ])
      expect(journal.since(id)).toBeUndefined();
  });

  it("resumes another replica's id by time: what changed here in the window before it, nothing older", () => {
    let now = 1_000_000;
    const b = new ChangeJournal({ boot: "b0b0", resumeWindowMs: 30_000, now: () => now });
    b.append(upsert(delivery("old", "v1")));
    now += 60_000;
    b.append(upsert(delivery("cart", "v1")));
    now += 20_000;
    b.append(removal("gone"));
    now += 5_000;
    // A browser last heard from replica a 40 s after cart changed here (a's view may lag b's a little).
    const fromA = `a0a0.7.${now - 5_000 + 15_000}`;
    expect(summary(b.since(fromA))).toEqual(["-gone"]);
    // Within the window of cart's change: cart is sent again too (harmless).
    expect(summary(b.since(`a0a0.3.${1_060_000 + 10_000}`))).toEqual(["cart:v1", "-gone"]);
  });

  it("starts a browser from another replica over with a snapshot when its id is older than this process's memory", () => {
    let now = 1_000_000;
    const b = new ChangeJournal({ boot: "b0b0", resumeWindowMs: 30_000, maxRemoved: 1, now: () => now });
    // An id from before this process started (less the window): deletions it missed are unknown here.
    expect(b.since(`a0a0.1.${now - 10_000}`)).toBeUndefined();
    now += 120_000;
    expect(b.since(`a0a0.1.${now - 60_000}`)).toEqual([]);
    b.append(removal("x"));
    now += 60_000;
    b.append(removal("y")); // x's tombstone is dropped
    expect(b.since(`a0a0.1.${now - 50_000}`)).toBeUndefined();
    // An id from the future (clocks far apart) is not trusted either.
    expect(b.since(`a0a0.1.${now + 60_000}`)).toBeUndefined();
  });

  it("keeps one mark per delivery and a bounded number of tombstones; older ids become unknown", () => {
    const journal = new ChangeJournal({ boot: "beef", maxRemoved: 2 });
    for (let i = 0; i < 1000; i++) journal.append(upsert(delivery("cart", `v${i}`)));
    expect(summary(journal.since("beef.0.0"))).toEqual(["cart:v999"]);
    journal.append(removal("a")); // 1001
    journal.append(removal("b")); // 1002
    expect(summary(journal.since("beef.1000.0"))).toEqual(["-a", "-b"]);
    journal.append(removal("c")); // 1003: the tombstone of a (1001) is dropped
    expect(journal.since("beef.1000.0")).toBeUndefined();
    expect(summary(journal.since("beef.1001.0"))).toEqual(["-b", "-c"]);
  });
});
