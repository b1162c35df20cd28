// Where and when each delivery last changed, numbered. A stream that reconnects with the id of the
// last event it saw (tRPC's `tracked()` + `lastEventId`) is sent only the deliveries changed since, as
// they are now. An id from another replica (a browser moved behind a load balancer) cannot be
// compared by number, so it is compared by time: every delivery this process changed within
// `resumeWindowMs` before the id's time is sent again (more than needed, never less, as long as the
// replicas' watches and clocks are within that window of each other); an id older than this
// process's memory of deletions, or than the process itself, starts over from a snapshot. One mark per
// delivery (its current overview row, which the index holds anyway, or a tombstone), so the journal
// costs little memory however often deliveries change.
import { randomBytes } from "node:crypto";
import { type DeliverySummary, deliveryId } from "@rollscope/shared";
import type { RemovedDelivery, RowChanges } from "./delivery-index";

interface Mark {
  seq: number;
  /** When this process recorded the change (epoch ms). */
  at: number;
  cluster: string;
  /** The delivery's row as last changed; undefined once removed (a tombstone). */
  row?: DeliverySummary;
  removed?: RemovedDelivery;
}

export interface ChangeJournalOptions {
  /** Tombstones of removed deliveries kept (default 10,000); older removals make older ids unknown. */
  maxRemoved?: number;
  /** Distinguishes this process's event ids from another's (default: random). */
  boot?: string;
  /**
   * How far apart two replicas' views of a cluster (watch delay plus clock skew) may be for an id
   * from one to resume on the other (default 30 s).
   */
  resumeWindowMs?: number;
  now?: () => number;
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
  /** The same as a time, for ids of other replicas. */
  private floorAt: number;
  private readonly resumeWindowMs: number;
  private readonly now: () => number;

  constructor(options: ChangeJournalOptions = {}) {
    this.maxRemoved = options.maxRemoved ?? 10_000;
    this.boot = options.boot ?? randomBytes(4).toString("hex");
    this.resumeWindowMs = options.resumeWindowMs ?? 30_000;
    this.now = options.now ?? Date.now;
    // Deletions before this process started were never seen here.
    this.floorAt = this.now();
  }

  /** Records one batch of changes and returns its sequence number. */
  append(changes: RowChanges): number {
    const seq = ++this.seq;
    const at = this.now();
    for (const row of changes.rows)
      this.mark(deliveryId(row.ref), { seq, at, cluster: changes.cluster, row });
    for (const removed of changes.removed) {
      this.mark(deliveryId({ cluster: changes.cluster, ...removed }), {
        seq,
        at,
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

  /**
   * The event id that stands for "everything up to change `seq`", with the time it is given out (for
   * another replica, which numbers its changes differently).
   */
  eventId(seq = this.seq): string {
    return `${this.boot}.${seq}.${this.now()}`;
  }

  /**
   * What changed after the event `eventId`, per cluster, each delivery as it is now; or undefined
   * when that cannot be known: no id, an id of the future, or older than kept.
   */
  since(eventId: string | null | undefined): RowChanges[] | undefined {
    const match = /^([0-9a-f]+)\.(\d+)\.(\d+)$/.exec(eventId ?? "");
    if (!match) return undefined;
    const [, boot, seqText, atText] = match as unknown as [string, string, string, string];
    if (boot === this.boot) {
      const seen = Number(seqText);
      if (seen > this.seq || seen < this.floor) return undefined;
      return this.collect((mark) => mark.seq > seen);
    }
    // Another replica's id: resend whatever changed here within the window before its time.
    const from = Number(atText) - this.resumeWindowMs;
    if (from < this.floorAt || Number(atText) > this.now() + this.resumeWindowMs) return undefined;
    return this.collect((mark) => mark.at > from);
  }

  private collect(include: (mark: Mark) => boolean): RowChanges[] {
    const byCluster = new Map<string, RowChanges>();
    for (const mark of this.marks.values()) {
      if (!include(mark)) continue;
      let changes = byCluster.get(mark.cluster);
      if (!changes) {
        changes = { cluster: mark.cluster, rows: [], removed: [] };
        byCluster.set(mark.cluster, changes);
      }
      if (mark.row) changes.rows.push(mark.row);
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
      this.floorAt = Math.max(this.floorAt, mark.at);
    }
  }
}
