// The overview's live list lives in the TanStack Query cache under the deliveries.list query's key:
// the watchList stream's messages are folded as they arrive (`foldWatchListMessage`) and what the fold
// shows is written to the cache at most once a frame. The stream is the list's only source: the query
// never fetches it.
import type { AppRouter } from "@rollscope/api/router";
import type { QueryClient } from "@tanstack/react-query";
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { foldWatchListMessage, liveStateShowing, type WatchListMessage } from "./live-deliveries-fold";

/** Every delivery of every cluster: the filters of both the stream and the query it fills. */
export const allDeliveries = {};

export const liveListQueryOptions = (trpc: TRPCOptionsProxy<AppRouter>) =>
  trpc.deliveries.list.queryOptions(allDeliveries, {
    // Fetching would send the whole list again beside the stream (megabytes at 10,000 deliveries).
    enabled: false,
  });

/** When a written frame is drawn: the browser's next animation frame, or a test's own clock. */
export interface FrameClock {
  request(draw: () => void): number;
  cancel(handle: number): void;
}

export const animationFrames: FrameClock = {
  request: (draw) => requestAnimationFrame(draw),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export interface LiveListWriter {
  receive(message: WatchListMessage): void;
  /** Drops a frame not yet written (the stream is gone). */
  stop(): void;
}

export function liveListWriter(
  queryClient: QueryClient,
  queryKey: ReturnType<typeof liveListQueryOptions>["queryKey"],
  frames: FrameClock,
): LiveListWriter {
  // The fold already keeps every unchanged row's object; comparing 10,000 rows deeply each frame (the
  // cache's structural sharing) would only find that again, and a removal shifts every later row.
  queryClient.setQueryDefaults(queryKey, { structuralSharing: false });
  // A list already in the cache stays shown until the stream's snapshot is complete.
  let state = liveStateShowing(queryClient.getQueryData(queryKey));
  let frame: number | undefined;
  return {
    receive(message) {
      state = foldWatchListMessage(state, message);
      // A 10,000-delivery snapshot is about 100 messages, and rendering the overview for each kept its
      // first rows off screen for seconds.
      frame ??= frames.request(() => {
        frame = undefined;
        queryClient.setQueryData(queryKey, [...state.shown.values()]);
      });
    },
    stop() {
      if (frame !== undefined) frames.cancel(frame);
      frame = undefined;
    },
  };
}
