import { describe, expect, it } from "vitest";
import { ChangeJournal } from "../deliveries/change-journal";
import { snapshotPages } from "./change-stream";

describe("snapshot pages", () => {
  it("splits a snapshot into pages; only the last one has a resumable id", () => {
    const journal = new ChangeJournal({ boot: "beef" });
    const pages = snapshotPages(
      Array.from({ length: 250 }, (_, i) => i),
      journal.eventId(),
      100,
    );
    expect(pages.map((p) => [p.page.part, p.page.complete, p.page.items.length])).toEqual([
      [0, false, 100],
      [1, false, 100],
      [2, true, 50],
    ]);
    expect(pages.flatMap((p) => p.page.items)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(pages.map((p) => journal.since(p.id) !== undefined)).toEqual([false, false, true]);
  });

  it("an empty list is one complete page", () => {
    expect(snapshotPages([], "beef.0").map((p) => [p.id, p.page])).toEqual([
      ["beef.0", { type: "snapshot", part: 0, complete: true, items: [] }],
    ]);
  });
});
