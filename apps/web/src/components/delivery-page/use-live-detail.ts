"use client";
// The delivery in full, re-sent by the API whenever it changes (deliveries.watch over SSE).
import type { DeliveryRef } from "@rollscope/shared";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import type { DeliveryDetailData } from "../../lib/api-types";
import { useTRPC } from "../../lib/trpc";

type Detail = DeliveryDetailData;

export function useLiveDetail(target: DeliveryRef) {
  const trpc = useTRPC();
  const [detail, setDetail] = useState<Detail | null | undefined>(undefined);
  const subscription = useSubscription(
    trpc.deliveries.watch.subscriptionOptions(
      { target },
      {
        onData: ({ data }) => setDetail(data as Detail | null),
      },
    ),
  );
  return { detail, status: subscription.status, error: subscription.error?.message };
}
