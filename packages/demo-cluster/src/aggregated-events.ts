// How the demo's controllers write Kubernetes Events, as client-go's recorder does: identical
// events are aggregated into one with a growing count (the EventCorrelator), events older than the
// API server's TTL (1h) are deleted, and names end in "<unix nanoseconds in hex>".
import type { DemoClock } from "./demo-clock";
import type { DemoStore, RawObject } from "./demo-store";

type EventClock = Pick<DemoClock, "nowMs" | "timestamp">;

interface Recorded {
  namespace: string;
  name: string;
  lastMs: number;
}

const DEFAULT_TTL_MS = 60 * 60 * 1000;

export class AggregatedEvents {
  private readonly recorded = new Map<string, Recorded>();
  private sequence = 0;

  constructor(
    private readonly store: DemoStore,
    private readonly clock: EventClock,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  /**
   * Writes an event in `namespace`: a repeat of one with the same `identity` raises its count,
   * anything else is created by `build` from the time and a unique name suffix.
   */
  write(
    namespace: string,
    identity: ReadonlyArray<string | undefined>,
    build: (at: string, nameSuffix: string) => RawObject,
  ): void {
    const key = [namespace, ...identity].join("\u0000");
    const now = this.clock.timestamp();
    const previous = this.recorded.get(key);
    const existing = previous && this.store.get({ kind: "Event", namespace, name: previous.name });
    if (previous && existing) {
      const count = typeof existing.count === "number" ? existing.count : 1;
      this.store.update({ ...existing, count: count + 1, lastTimestamp: now });
      previous.lastMs = this.clock.nowMs();
      return;
    }
    const event = build(now, this.uniqueSuffix());
    this.store.create(event);
    this.recorded.set(key, { namespace, name: event.metadata.name, lastMs: this.clock.nowMs() });
  }

  /** Deletes the events written here that are older than the TTL. */
  prune(): void {
    const cutoff = this.clock.nowMs() - this.ttlMs;
    for (const [key, entry] of this.recorded) {
      if (entry.lastMs >= cutoff) continue;
      this.store.delete({ kind: "Event", namespace: entry.namespace, name: entry.name });
      this.recorded.delete(key);
    }
  }

  // client-go names events "<object>.<unix nanoseconds in hex>".
  private uniqueSuffix(): string {
    this.sequence += 1;
    return (BigInt(this.clock.nowMs()) * 1_000_000n + BigInt(this.sequence)).toString(16);
  }
}
