// Turns the registry's change callbacks into an async iterator for tRPC subscriptions, ending when the
// client goes away. Changes that arrive while the client is slow are merged, newest wins, so a slow
// tab never makes the server buffer without bound.
import type { Delivery } from "@rollscope/shared";
import type { DeliveryChanges } from "../deliveries/delivery-index";
import type { ClusterRegistry } from "../runtime/cluster-registry";

export interface MergedChanges {
  upserted: Map<string, Delivery>;
  removed: Map<string, { cluster: string; kind: "Rollout" | "Canary"; namespace: string; name: string }>;
}

export const deliveryId = (r: { cluster: string; kind: string; namespace: string; name: string }) =>
  `${r.cluster}/${r.kind}/${r.namespace}/${r.name}`;

/**
 * Subscribes at once (not on first iteration), so nothing between a snapshot and the first change is
 * lost; iterate the result to receive merged batches until the signal aborts.
 */
export function deliveryChanges(
  registry: ClusterRegistry,
  signal: AbortSignal | undefined,
): AsyncIterable<MergedChanges> {
  let pending: MergedChanges = { upserted: new Map(), removed: new Map() };
  let wake: (() => void) | undefined;
  const unsubscribe = registry.onDeliveryChanges((changes: DeliveryChanges) => {
    for (const d of changes.upserted) {
      const id = deliveryId(d.ref);
      pending.removed.delete(id);
      pending.upserted.set(id, d);
    }
    for (const r of changes.removed) {
      const ref = { cluster: changes.cluster, ...r };
      const id = deliveryId(ref);
      pending.upserted.delete(id);
      pending.removed.set(id, ref);
    }
    wake?.();
  });
  const aborted = new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  void aborted.then(() => {
    unsubscribe();
    wake?.();
  });
  return {
    async *[Symbol.asyncIterator]() {
      try {
        while (!signal?.aborted) {
          if (pending.upserted.size === 0 && pending.removed.size === 0) {
            await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
            wake = undefined;
            continue;
          }
          const batch = pending;
          pending = { upserted: new Map(), removed: new Map() };
          yield batch;
        }
      } finally {
        unsubscribe();
      }
    },
  };
}
