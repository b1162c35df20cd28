import { describe, expect, it } from "vitest";
import {
  emptyLiveState,
  foldWatchListMessage,
  type LiveState,
  liveStateShowing,
  type WatchListMessage,
} from "./live-deliveries-fold";
import { page, summary } from "./testing/watch-list-messages";

const fold = (...messages: WatchListMessage[]) =>
  messages.reduce<LiveState>(foldWatchListMessage, emptyLiveState());
const shownNames = (state: LiveState) => [...state.shown.values()].map((d) => d.ref.name);

describe("folding the live list", () => {
  it("shows a tab's first list as its pages arrive", () => {
    const first = fold(page(0, false, "a", "b"));
    expect(shownNames(first)).toEqual(["a", "b"]);
    const halfway = foldWatchListMessage(first, page(1, false, "c"));
    expect(shownNames(halfway)).toEqual(["a", "b", "c"]);
    expect(shownNames(first)).toEqual(["a", "b"]);
    expect(shownNames(foldWatchListMessage(halfway, page(2, true, "d")))).toEqual(["a", "b", "c", "d"]);
  });

  it("a later snapshot replaces what is shown only once complete (nothing removed meanwhile lingers)", () => {
    const before = fold(page(0, true, "a", "b"));
    const during = foldWatchListMessage(before, page(0, false, "b"));
    expect(shownNames(during)).toEqual(["a", "b"]);
    expect(shownNames(foldWatchListMessage(during, page(1, true, "c")))).toEqual(["b", "c"]);
  });

  it("a snapshot started over (part 0 again) drops the pages of the one cut off", () => {
    const cutOff = fold(page(0, true, "a"), page(0, false, "x"), page(1, false, "y"));
    const again = foldWatchListMessage(foldWatchListMessage(cutOff, page(0, false, "b")), page(1, true, "c"));
    expect(shownNames(again)).toEqual(["b", "c"]);
  });

  it("applies changes: upserts replace, removals by id", () => {
    const state = fold(page(0, true, "a", "b"), {
      type: "changes",
      upserted: [summary("a", "RolloutAborted"), summary("c")],
      removed: ["prod/Rollout/rollouts-demo/b"],
    });
    expect(shownNames(state)).toEqual(["a", "c"]);
    expect(state.shown.get("prod/Rollout/rollouts-demo/a")?.message).toBe("RolloutAborted");
  });

  it("a list already shown counts as whole: the next snapshot replaces it only once complete", () => {
    expect(liveStateShowing(undefined)).toEqual(emptyLiveState());
    const shown = liveStateShowing([summary("a"), summary("b")]);
    const during = foldWatchListMessage(shown, page(0, false, "x"));
    expect(shownNames(during)).toEqual(["a", "b"]);
    expect(shownNames(foldWatchListMessage(during, page(1, true, "y")))).toEqual(["x", "y"]);
  });
});
