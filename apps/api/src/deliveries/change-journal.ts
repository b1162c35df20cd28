// Where each delivery last changed, numbered. A stream that reconnects with the id of the last event
// it saw (tRPC's `tracked()` + `lastEventId`) is sent only the deliveries changed since, as they are
// now; when that id is from another process or older than what is kept, it starts over from a
// snapshot. One mark per delivery (its current object, which the index holds anyway, or a tombstone),
// so the journal costs little memory however often deliveries change.
import { randomBytes } from "node:crypto";
import { type Delivery, deliveryId } from "@rollscope/shared";
import type { DeliveryChanges } from "./delivery-index";

type Removed = DeliveryChanges["removed"][number];

interface Mark {
  seq: number;
  cluster: string;
  /** The delivery as last changed; undefined once removed (a tombstone). */
  delivery?: Delivery;
  removed?: Removed;
}

export interface ChangeJournalOptions {
  /** Tombstones of removed deliveries kept (default 10,000); older removals make older ids unknown. */
  maxRemoved?: number;
  /** Distinguishes this process's event ids from another's (default: random). */
  boot?: string;
}

export class ChangeJournal {
  readonly boot: string;
  private readonly maxRemoved: number;
  /** By delivery id, in the order of their last change. */
  private readonly marks = new Map<string, Mark>();
  private removedCount = 0;
  private seq = 0;
  /** Ids at or before this number can no longer be answered: a tombstone after them was dropped. */
  private floor = 0;

  constructor(options: ChangeJournalOptions = {}) {
    this.maxRemoved = options.maxRemoved ?? 10_000;
    this.boot = options.boot ?? randomBytes(4).toString("hex");
  }

  /** Records one batch of changes and returns its sequence number. */
  append(changes: DeliveryChanges): number {
    const seq = ++this.seq;
    for (const delivery of changes.upserted)
      this.mark(deliveryId(delivery.ref), { seq, cluster: changes.cluster, delivery });
    for (const removed of changes.removed) {
      this.mark(deliveryId({ cluster: changes.cluster, ...removed }), {
        seq,
        cluster: changes.cluster,
        removed,
      });
      this.removedCount++;
    }
    this.dropOldTombstones();
    return seq;
  }

  /** The sequence number of the newest change (0 before any). */
  get head(): number {
    return this.seq;
  }

  /** The event id that stands for "everything up to change `seq`". */
  eventId(seq = this.seq): string {
    return `${this.boot}.${seq}`;
  }

  /**
   * What changed after the event `eventId`, per cluster, each delivery as it is now; or undefined
   * when that cannot be known: no id, an id of another process, of the future, or older than kept.
   */
  since(eventId: string | null | undefined): DeliveryChanges[] | undefined {
    const match = /^([0-9a-f]+)\.(\d+)$/.exec(eventId ?? "");
    if (!match || match[1] !== this.boot) return undefined;
    const seen = Number(match[2]);
    if (seen > this.seq || seen < this.floor) return undefined;
    const byCluster = new Map<string, DeliveryChanges>();
    for (const mark of this.marks.values()) {
      if (mark.seq <= seen) continue;
      let changes = byCluster.get(mark.cluster);
      if (!changes) {
        changes = { cluster: mark.cluster, upserted: [], removed: [] };
        byCluster.set(mark.cluster, changes);
      }
      if (mark.delivery) changes.upserted.push(mark.delivery);
      else if (mark.removed) changes.removed.push(mark.removed);
    }
    return [...byCluster.values()];
  }

  private mark(id: string, mark: Mark): void {
    const previous = this.marks.get(id);
    if (previous?.removed) this.removedCount--;
    // Delete first so the map's order stays the order of last change.
    this.marks.delete(id);
    this.marks.set(id, mark);
  }

  private dropOldTombstones(): void {
    if (this.removedCount <= this.maxRemoved) return;
    for (const [id, mark] of this.marks) {
      if (this.removedCount <= this.maxRemoved) break;
      if (!mark.removed) continue;
      this.marks.delete(id);
      this.removedCount--;
      this.floor = Math.max(this.floor, mark.seq);
    }
  }
}
