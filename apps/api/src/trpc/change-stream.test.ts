import { describe, expect, it } from "vitest";
import { ChangeJournal } from "../deliveries/change-journal";
import { snapshotPages } from "./change-stream";

describe("snapshot pages", () => {
  it("splits a snapshot into pages; only the last one has a resumable id", () => {
    const journal = new ChangeJournal({ boot: "beef" });
    const pages = [
      ...snapshotPages(
        Array.from({ length: 250 }, (_, i) => i),
        journal.eventId(),
        100,
      ),
    ];
    expect(pages.map((p) => [p.page.part, p.page.complete, p.page.items.length])).toEqual([
      [0, false, 100],
      [1, false, 100],
      [2, true, 50],
    ]);
    expect(pages.flatMap((p) => p.page.items)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(pages.map((p) => journal.since(p.id) !== undefined)).toEqual([false, false, true]);
  });

  it("a list that fills its last page exactly ends on that page", () => {
    const pages = [...snapshotPages([1, 2, 3, 4], "beef.7", 2)];
    expect(pages.map((p) => [p.id, p.page.part, p.page.complete, p.page.items])).toEqual([
      ["beef.7.part0", 0, false, [1, 2]],
      ["beef.7", 1, true, [3, 4]],
    ]);
  });

  it("reads its items only a page ahead of what it has handed out", () => {
    let read = 0;
    function* items() {
      for (let i = 0; i < 1000; i++) {
        read++;
        yield i;
      }
    }
    const pages = snapshotPages(items(), "beef.1", 10);
    pages.next();
    expect(read).toBeLessThanOrEqual(21);
    expect([...pages].at(-1)?.page).toMatchObject({ part: 99, complete: true });
  });

  it("an empty list is one complete page", () => {
    expect([...snapshotPages([], "beef.0")].map((p) => [p.id, p.page])).toEqual([
      ["beef.0", { type: "snapshot", part: 0, complete: true, items: [] }],
    ]);
  });
});
