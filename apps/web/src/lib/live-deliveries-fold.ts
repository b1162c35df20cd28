// Folds the messages of the deliveries.watchList stream into the map the overview shows. A tab's first
// list appears as its pages arrive (the first rows at once, even at 10,000 deliveries); a later
// snapshot (a reconnect that could not resume) replaces what is shown only once complete, so a tab
// never drops to half a list. Batches of changes apply to what is shown.
import { type DeliverySummary, deliveryId } from "@rollscope/shared";

export type WatchListMessage =
  | { type: "snapshot"; part: number; complete: boolean; items: DeliverySummary[] }
  | { type: "changes"; upserted: DeliverySummary[]; removed: string[] };

export interface LiveState {
  shown: Map<string, DeliverySummary>;
  /** The snapshot being received, until its last page. */
  incoming?: Map<string, DeliverySummary>;
  /** A whole list has been shown: later snapshots wait for their last page. */
  listed?: boolean;
}

export const emptyLiveState = (): LiveState => ({ shown: new Map() });

/**
 * The state to fold into when a list is already shown (kept in the query cache from an earlier visit,
 * say): it counts as a whole list, so the stream's next snapshot replaces it only once complete.
 */
export function liveStateShowing(shown: readonly DeliverySummary[] | undefined): LiveState {
  if (!shown) return emptyLiveState();
  return { shown: new Map(shown.map((d) => [deliveryId(d.ref), d])), listed: true };
}

export function foldWatchListMessage(state: LiveState, message: WatchListMessage): LiveState {
  if (message.type === "snapshot") {
    // Only this fold holds `incoming`, so pages are added to it in place (no copy per page).
    const incoming = message.part === 0 || !state.incoming ? new Map() : state.incoming;
    for (const d of message.items) incoming.set(deliveryId(d.ref), d);
    if (message.complete) return { shown: incoming, listed: true };
    if (!state.listed) return { shown: new Map(incoming), incoming };
    return { shown: state.shown, incoming, listed: true };
  }
  const shown = new Map(state.shown);
  for (const id of message.removed) shown.delete(id);
  for (const d of message.upserted) shown.set(deliveryId(d.ref), d);
  return { ...state, shown };
}
