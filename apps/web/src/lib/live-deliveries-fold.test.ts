import { rolloutDelivery, toSummary } from "@rollscope/shared";
import { canaryRollout } from "@rollscope/shared/testing/builders";
import { describe, expect, it } from "vitest";
import {
  emptyLiveState,
  foldWatchListMessage,
  type LiveState,
  type WatchListMessage,
} from "./live-deliveries-fold";

const summary = (name: string, message = "CanaryPauseStep") =>
  toSummary(
    rolloutDelivery({ cluster: "prod", rollout: canaryRollout({ metadata: { name }, status: { message } }) }),
  );
const page = (part: number, complete: boolean, ...names: string[]): WatchListMessage => ({
  type: "snapshot",
  part,
  complete,
  items: names.map((n) => summary(n)),
});
const fold = (...messages: WatchListMessage[]) =>
  messages.reduce<LiveState>(foldWatchListMessage, emptyLiveState());
const shownNames = (state: LiveState) => [...state.shown.values()].map((d) => d.ref.name);

describe("folding the live list", () => {
  it("shows a paged snapshot only once its last page is in", () => {
    const halfway = fold(page(0, false, "a", "b"), page(1, false, "c"));
    expect(shownNames(halfway)).toEqual([]);
    expect(shownNames(foldWatchListMessage(halfway, page(2, true, "d")))).toEqual(["a", "b", "c", "d"]);
  });

  it("a new snapshot replaces what is shown (nothing removed meanwhile lingers)", () => {
    const before = fold(page(0, true, "a", "b"));
    const during = foldWatchListMessage(before, page(0, false, "b"));
    expect(shownNames(during)).toEqual(["a", "b"]);
    expect(shownNames(foldWatchListMessage(during, page(1, true, "c")))).toEqual(["b", "c"]);
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
});
