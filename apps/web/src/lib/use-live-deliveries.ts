"use client";
// Every delivery of every cluster, kept current by the watchList subscription (one stream per tab, fed
// from the API's informer caches): a snapshot, then changes, folded by `foldWatchListMessage`. After a
// reconnect the API sends only what changed, or a snapshot again.
import type { DeliverySummary } from "@rollscope/shared";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useRef, useState } from "react";
import { emptyLiveState, foldWatchListMessage, type LiveState } from "./live-deliveries-fold";
import { useTRPC } from "./trpc";

export interface LiveDeliveries {
  items: DeliverySummary[];
  status: "connecting" | "live" | "reconnecting" | "error";
  error?: string;
}

export function useLiveDeliveries(): LiveDeliveries {
  const trpc = useTRPC();
  const [state, setState] = useState<LiveState>(emptyLiveState);
  // Messages are folded as they arrive and shown at most once a frame: a 10,000-delivery snapshot is
  // about 100 messages, and rendering the overview for each kept its first rows off screen for seconds.
  const folded = useRef<LiveState>(state);
  const frame = useRef<number | undefined>(undefined);
  useEffect(
    () => () => {
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    },
    [],
  );
  const subscription = useSubscription(
    trpc.deliveries.watchList.subscriptionOptions(
      { filters: {} },
      {
        onData: ({ data }) => {
          folded.current = foldWatchListMessage(folded.current, data);
          frame.current ??= requestAnimationFrame(() => {
            frame.current = undefined;
            setState(folded.current);
          });
        },
      },
    ),
  );
  const items = state.shown;
  // tRPC's subscription status: "pending" means connected and streaming.
  const status: LiveDeliveries["status"] =
    subscription.status === "pending"
      ? "live"
      : subscription.status === "error"
        ? "error"
        : items.size > 0
          ? "reconnecting"
          : "connecting";
  return {
    items: [...items.values()],
    status,
    ...(subscription.error ? { error: subscription.error.message } : {}),
  };
}
