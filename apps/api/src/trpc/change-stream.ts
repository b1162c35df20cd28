// Turns the registry's change callbacks into an async iterator for tRPC subscriptions, ending when the
// client goes away. Changes that arrive while the client is slow are merged, newest wins, so a slow
// tab never makes the server buffer without bound. Each batch carries its journal position, which the
// streams send as the event id a reconnecting client resumes from.
import { type DeliverySummary, deliveryId } from "@rollscope/shared";
import type { RowChanges } from "../deliveries/delivery-index";
import type { ClusterRegistry } from "../runtime/cluster-registry";

export interface MergedChanges {
  /** The changed deliveries' overview rows, by delivery id. */
  upserted: Map<string, DeliverySummary>;
  removed: Map<string, { cluster: string; kind: "Rollout" | "Canary"; namespace: string; name: string }>;
  /** The journal sequence number of the newest change merged in: the stream's position after it. */
  throughSeq: number;
}

function mergeInto(pending: MergedChanges, changes: RowChanges, seq: number): void {
  for (const d of changes.rows) {
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
  pending.throughSeq = Math.max(pending.throughSeq, seq);
}

const isEmpty = (m: MergedChanges) => m.upserted.size === 0 && m.removed.size === 0;

/**
 * Subscribes at once (not on first iteration), so nothing between a snapshot and the first change is
 * lost; iterate the result to receive merged batches until the signal aborts. `resumeAfter` (an event
 * id the client saw) seeds the first batch with the journal's changes since then, read in the same
 * tick as the subscription so none is missed or sent twice; `resumed` says whether that was possible.
 */
export function deliveryChanges(
  registry: ClusterRegistry,
  signal: AbortSignal | undefined,
  resumeAfter?: string | null,
): AsyncIterable<MergedChanges> & { resumed: boolean; position: string } {
  const journal = registry.journal;
  let pending: MergedChanges = { upserted: new Map(), removed: new Map(), throughSeq: journal.head };
  let wake: (() => void) | undefined;
  const unsubscribe = registry.onDeliveryChanges((changes: RowChanges, seq: number) => {
    mergeInto(pending, changes, seq);
    wake?.();
  });
  const missed = journal.since(resumeAfter);
  const start = journal.head;
  for (const changes of missed ?? []) mergeInto(pending, changes, start);
  const aborted = new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  void aborted.then(() => {
    unsubscribe();
    wake?.();
  });
  return {
    resumed: missed !== undefined,
    position: journal.eventId(start),
    async *[Symbol.asyncIterator]() {
      try {
        while (!signal?.aborted) {
          if (isEmpty(pending)) {
            await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
            wake = undefined;
            continue;
          }
          const batch = pending;
          pending = { upserted: new Map(), removed: new Map(), throughSeq: batch.throughSeq };
          yield batch;
        }
      } finally {
        unsubscribe();
      }
    },
  };
}

/** Deliveries per snapshot message (about 100 KB of JSON). */
export const SNAPSHOT_PAGE = 100;

/**
 * A snapshot as pages: `part` 0 starts it, `complete` ends it. Pages, because Node 20's
 * TextEncoderStream (under tRPC's SSE) costs ~10× more on one 4 MB event than on many small ones.
 * Made as they are sent: `items` is read one page ahead, so a stream holds two pages of summaries at a
 * time, not the whole list (100 tabs opening at 10,000 deliveries each held 14 MB of them).
 * Only the last page has an id a client can resume from; one cut off mid-snapshot comes back with a
 * partial id, which the journal does not know, and is sent the snapshot again.
 */
export function* snapshotPages<T>(items: Iterable<T>, position: string, pageSize = SNAPSHOT_PAGE) {
  const pageOf = (part: number, complete: boolean, page: T[]) => ({
    id: complete ? position : `${position}.part${part}`,
    page: { type: "snapshot" as const, part, complete, items: page },
  });
  let part = 0;
  let full: T[] | undefined;
  let current: T[] = [];
  for (const item of items) {
    if (current.length === pageSize) {
      if (full) yield pageOf(part++, false, full);
      full = current;
      current = [];
    }
    current.push(item);
  }
  if (full && current.length === 0) {
    yield pageOf(part, true, full);
    return;
  }
  if (full) yield pageOf(part++, false, full);
  yield pageOf(part, true, current);
}
