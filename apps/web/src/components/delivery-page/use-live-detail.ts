"use client";
// The delivery in full, re-sent by the API whenever it changes (deliveries.watch over SSE) and kept in
// the query cache, where the page reads it.
import type { DeliveryRef } from "@rollscope/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { forgetDeletedDetail, liveDetailQueryOptions, writeLiveDetail } from "../../lib/live-detail-cache";
import { useTRPC } from "../../lib/trpc";

export function useLiveDetail(target: DeliveryRef) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = liveDetailQueryOptions(trpc, target);
  const { queryKey } = options;
  const cached = useQuery(options);
  const subscription = useSubscription(
    trpc.deliveries.watch.subscriptionOptions(
      { target },
      {
        onData: ({ data }) => writeLiveDetail(queryClient, queryKey, data),
        onError: (error) => forgetDeletedDetail(queryClient, queryKey, error.data?.code),
      },
    ),
  );
  return { detail: cached.data, status: subscription.status, error: subscription.error?.message };
}
