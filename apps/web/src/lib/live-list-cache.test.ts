import type { AppRouter } from "@rollscope/api/router";
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { describe, expect, it } from "vitest";
import { type FrameClock, liveListQueryOptions, liveListWriter } from "./live-list-cache";
import { page, summary } from "./testing/watch-list-messages";
import { makeTrpcClient } from "./trpc";

/** Frames drawn when the test says so. */
function manualFrames() {
  const waiting = new Map<number, () => void>();
  let next = 0;
  const clock: FrameClock = {
    request: (draw) => {
      waiting.set(++next, draw);
      return next;
    },
    cancel: (handle) => waiting.delete(handle),
  };
  return {
    clock,
    waiting: () => waiting.size,
    draw() {
      const draws = [...waiting.values()];
      waiting.clear();
      for (const draw of draws) draw();
    },
  };
}

function setup(queryClient = new QueryClient()) {
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: makeTrpcClient(), queryClient });
  const frames = manualFrames();
  const writer = liveListWriter(queryClient, liveListQueryOptions(trpc).queryKey, frames.clock);
  // Read as any other deliveries.list query of the whole list is.
  const cachedNames = () =>
    queryClient.getQueryData(trpc.deliveries.list.queryKey({}))?.map((d) => d.ref.name);
  return { queryClient, trpc, frames, writer, cachedNames };
}

describe("the live list in the query cache", () => {
  it("writes the first list as its pages arrive, once a frame", () => {
    const { frames, writer, cachedNames } = setup();
    writer.receive(page(0, false, "a", "b"));
    writer.receive(page(1, false, "c"));
    expect(cachedNames()).toBeUndefined();
    expect(frames.waiting()).toBe(1);
    frames.draw();
    expect(cachedNames()).toEqual(["a", "b", "c"]);
    writer.receive(page(2, true, "d"));
    frames.draw();
    expect(cachedNames()).toEqual(["a", "b", "c", "d"]);
  });

  it("keeps the list until a later snapshot is complete", () => {
    const { frames, writer, cachedNames } = setup();
    writer.receive(page(0, true, "a", "b"));
    frames.draw();
    writer.receive(page(0, false, "b"));
    frames.draw();
    expect(cachedNames()).toEqual(["a", "b"]);
    writer.receive(page(1, true, "c"));
    frames.draw();
    expect(cachedNames()).toEqual(["b", "c"]);
  });

  it("applies changes and removals, keeping every unchanged row's object", () => {
    const { queryClient, trpc, frames, writer, cachedNames } = setup();
    writer.receive(page(0, true, "a", "b", "c"));
    frames.draw();
    const before = queryClient.getQueryData(trpc.deliveries.list.queryKey({}));
    writer.receive({
      type: "changes",
      upserted: [summary("a", "RolloutAborted"), summary("d")],
      removed: ["prod/Rollout/rollouts-demo/b"],
    });
    frames.draw();
    expect(cachedNames()).toEqual(["a", "c", "d"]);
    const after = queryClient.getQueryData(trpc.deliveries.list.queryKey({}));
    expect(after?.[0]?.message).toBe("RolloutAborted");
    expect(after?.[1]).toBe(before?.[2]);
  });

  it("shows a list cached by an earlier stream until the new stream's snapshot is complete", () => {
    const earlier = setup();
    earlier.writer.receive(page(0, true, "a", "b"));
    earlier.frames.draw();
    earlier.writer.stop();
    const { frames, writer, cachedNames } = setup(earlier.queryClient);
    writer.receive(page(0, false, "x"));
    frames.draw();
    expect(cachedNames()).toEqual(["a", "b"]);
    writer.receive(page(1, true, "y"));
    frames.draw();
    expect(cachedNames()).toEqual(["x", "y"]);
  });

  it("stopping drops the frame not yet written", () => {
    const { frames, writer, cachedNames } = setup();
    writer.receive(page(0, true, "a"));
    writer.stop();
    expect(frames.waiting()).toBe(0);
    expect(cachedNames()).toBeUndefined();
  });

  it("the overview's query is told of each frame and never fetches, even when invalidated", async () => {
    const { queryClient, trpc, frames, writer } = setup();
    const observer = new QueryObserver(queryClient, liveListQueryOptions(trpc));
    const seen: (number | undefined)[] = [];
    const unsubscribe = observer.subscribe((result) => seen.push(result.data?.length));
    writer.receive(page(0, true, "a", "b"));
    frames.draw();
    // As an action does once sent.
    await queryClient.invalidateQueries();
    expect(observer.getCurrentResult().fetchStatus).toBe("idle");
    expect(observer.getCurrentResult().data?.map((d) => d.ref.name)).toEqual(["a", "b"]);
    expect(seen).toContain(2);
    unsubscribe();
  });
});
