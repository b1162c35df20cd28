"use client";
// Every delivery of every cluster, kept current by the watchList subscription (one stream per tab, fed
// from the API's informer caches): a snapshot, then changes, folded into the query cache by
// `liveListWriter`. After a reconnect the API sends only what changed, or a snapshot again.
import type { DeliverySummary } from "@rollscope/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";
import { allDeliveries, animationFrames, liveListQueryOptions, liveListWriter } from "./live-list-cache";
import { useTRPC } from "./trpc";

export interface LiveDeliveries {
  items: readonly DeliverySummary[];
  status: "connecting" | "live" | "reconnecting" | "error";
  error?: string;
}

const noDeliveries: readonly DeliverySummary[] = [];

export function useLiveDeliveries(): LiveDeliveries {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = liveListQueryOptions(trpc);
  // Made before the query is read, so the query starts with the options the writer sets for it.
  const [writer] = useState(() => liveListWriter(queryClient, options.queryKey, animationFrames));
  const list = useQuery(options);
  useEffect(() => () => writer.stop(), [writer]);
  const subscription = useSubscription(
    trpc.deliveries.watchList.subscriptionOptions(
      { filters: allDeliveries },
      { onData: ({ data }) => writer.receive(data) },
    ),
  );
  const items = list.data ?? noDeliveries;
  // tRPC's subscription status: "pending" means connected and streaming.
  const status: LiveDeliveries["status"] =
    subscription.status === "pending"
      ? "live"
      : subscription.status === "error"
        ? "error"
        : items.length > 0
          ? "reconnecting"
          : "connecting";
  return {
    items,
    status,
    ...(subscription.error ? { error: subscription.error.message } : {}),
  };
}
