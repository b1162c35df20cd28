// Folds the messages of the deliveries.watchList stream into the map the overview shows: snapshot
// pages are gathered and shown once complete (no half list), batches of changes apply to what is shown.
import { type DeliverySummary, deliveryId } from "@rollscope/shared";

export type WatchListMessage =
  | { type: "snapshot"; part: number; complete: boolean; items: DeliverySummary[] }
  | { type: "changes"; upserted: DeliverySummary[]; removed: string[] };

export interface LiveState {
  shown: Map<string, DeliverySummary>;
  /** The snapshot being received, until its last page. */
  incoming?: Map<string, DeliverySummary>;
}

export const emptyLiveState = (): LiveState => ({ shown: new Map() });

export function foldWatchListMessage(state: LiveState, message: WatchListMessage): LiveState {
  if (message.type === "snapshot") {
    const incoming = message.part === 0 ? new Map() : new Map(state.incoming);
    for (const d of message.items) incoming.set(deliveryId(d.ref), d);
    return message.complete ? { shown: incoming } : { shown: state.shown, incoming };
  }
  const shown = new Map(state.shown);
  for (const id of message.removed) shown.delete(id);
  for (const d of message.upserted) shown.set(deliveryId(d.ref), d);
  return { ...state, shown };
}
