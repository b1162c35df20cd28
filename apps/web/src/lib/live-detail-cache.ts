// The delivery page's detail lives in the TanStack Query cache under the deliveries.get query's key,
// as the deliveries.watch stream last sent it: the delivery in full, or null once it is gone. The
// stream is its source (a re-query may write a fresher answer there too); an overview row, which holds
// only the summary, never stands in for it.
import type { AppRouter } from "@rollscope/api/router";
import type { DeliveryRef } from "@rollscope/shared";
import { type QueryClient, type QueryKey, queryOptions } from "@tanstack/react-query";
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { DeliveryDetailData } from "./api-types";

/** The detail, or null: the stream said the delivery no longer exists. */
export type LiveDetail = DeliveryDetailData | null;

export const liveDetailQueryOptions = (trpc: TRPCOptionsProxy<AppRouter>, target: DeliveryRef) =>
  queryOptions<LiveDetail>({
    // Widened from the deliveries.get answer, which never is null, to what the stream sends.
    queryKey: trpc.deliveries.get.queryKey(target) as QueryKey,
    // The stream is the source: the query never fetches on its own.
    enabled: false,
  });

export function writeLiveDetail(queryClient: QueryClient, queryKey: QueryKey, detail: LiveDetail): void {
  queryClient.setQueryData<LiveDetail>(queryKey, detail);
}

/**
 * The stream failed. NOT_FOUND for a delivery this tab had shown means it was deleted while the stream
 * was away (or since the page was last open): what the cache holds for it is stale. A delivery never
 * seen keeps the error, which names what was not found.
 */
export function forgetDeletedDetail(
  queryClient: QueryClient,
  queryKey: QueryKey,
  errorCode: string | undefined,
): void {
  if (errorCode === "NOT_FOUND" && queryClient.getQueryData<LiveDetail>(queryKey) !== undefined)
    writeLiveDetail(queryClient, queryKey, null);
}
