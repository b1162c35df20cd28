"use client";
// metrics.series for one delivery, shared by the weight chart and the analysis panel: the same input
// gives one cached query, so both refresh together and Prometheus is asked once.
import type { DeliveryRef } from "@rollscope/shared";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";

/** The API's traffic window is one hour; metric windows for Flagger follow this. */
export const SERIES_WINDOW_SECONDS = 3600;
export const SERIES_REFRESH_MS = 10_000;

export function useDeliverySeries(target: DeliveryRef) {
  const trpc = useTRPC();
  return useQuery(
    trpc.metrics.series.queryOptions(
      { target, windowSeconds: SERIES_WINDOW_SECONDS },
      { refetchInterval: SERIES_REFRESH_MS, staleTime: SERIES_REFRESH_MS / 2 },
    ),
  );
}

/** The key to refetch it by (Re-run now). */
export function useDeliverySeriesKey(target: DeliveryRef) {
  const trpc = useTRPC();
  return trpc.metrics.series.queryKey({ target, windowSeconds: SERIES_WINDOW_SECONDS });
}
