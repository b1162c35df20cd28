"use client";
// Every delivery of every cluster, kept current by the watchList subscription: a snapshot first, then
// batches of changes folded into a map (one stream per tab, fed from the API's informer caches).
import type { DeliverySummary } from "@rollscope/shared";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { useTRPC } from "./trpc";

export const deliveryKey = (r: { cluster: string; kind: string; namespace: string; name: string }) =>
  `${r.cluster}/${r.kind}/${r.namespace}/${r.name}`;

export interface LiveDeliveries {
  items: DeliverySummary[];
  status: "connecting" | "live" | "reconnecting" | "error";
  error?: string;
}

export function useLiveDeliveries(): LiveDeliveries {
  const trpc = useTRPC();
  const [items, setItems] = useState<Map<string, DeliverySummary>>(() => new Map());
  const subscription = useSubscription(
    trpc.deliveries.watchList.subscriptionOptions(
      { filters: {} },
      {
        onData: ({ data }) => {
          if (data.type === "snapshot") {
            setItems(new Map(data.items.map((d) => [deliveryKey(d.ref), d])));
            return;
          }
          setItems((previous) => {
            const next = new Map(previous);
            for (const id of data.removed) next.delete(id);
            for (const d of data.upserted) next.set(deliveryKey(d.ref), d);
            return next;
          });
        },
      },
    ),
  );
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
