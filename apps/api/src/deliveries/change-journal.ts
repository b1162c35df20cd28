// The recent delivery changes of this process, numbered. A stream that reconnects with the id of the
// last event it saw (tRPC's `tracked()` + `lastEventId`) is sent only what changed since; when that id
// is from another process or older than what is kept, the stream starts over from a snapshot.
import { randomBytes } from "node:crypto";
import type { DeliveryChanges } from "./delivery-index";

interface JournalEntry {
  seq: number;
  changes: DeliveryChanges;
  size: number;
}

export interface ChangeJournalOptions {
  /** Upserted and removed deliveries kept in all (default 20,000): a bound on memory, not on time. */
  maxItems?: number;
  /** Distinguishes this process's event ids from another's (default: random). */
  boot?: string;
}

export class ChangeJournal {
  readonly boot: string;
  private readonly maxItems: number;
  private readonly entries: JournalEntry[] = [];
  private items = 0;
  private seq = 0;

  constructor(options: ChangeJournalOptions = {}) {
    this.maxItems = options.maxItems ?? 20_000;
    this.boot = options.boot ?? randomBytes(4).toString("hex");
  }

  /** Records one batch of changes and returns its sequence number. */
  append(changes: DeliveryChanges): number {
    const size = changes.upserted.length + changes.removed.length;
    this.entries.push({ seq: ++this.seq, changes, size });
    this.items += size;
    while (this.items > this.maxItems && this.entries.length > 1) {
      const dropped = this.entries.shift();
      this.items -= dropped?.size ?? 0;
    }
    return this.seq;
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
   * The changes after the event `eventId`, oldest first, or undefined when they cannot be known: no
   * id, an id of another process, or one older than the oldest change kept.
   */
  since(eventId: string | null | undefined): DeliveryChanges[] | undefined {
    const match = /^([0-9a-f]+)\.(\d+)$/.exec(eventId ?? "");
    if (!match || match[1] !== this.boot) return undefined;
    const seen = Number(match[2]);
    if (seen > this.seq) return undefined;
    const oldestKept = this.entries[0]?.seq ?? this.seq + 1;
    if (seen < oldestKept - 1) return undefined;
    return this.entries.filter((e) => e.seq > seen).map((e) => e.changes);
  }
}
