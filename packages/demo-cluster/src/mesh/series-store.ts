// Cumulative Istio counters per label set (a request counter and a latency histogram that share the
// labels), plus a per-second history of them so windowed rates can be answered without Prometheus.

/** Istio's default buckets for istio_request_duration_milliseconds. */
export const DURATION_BUCKETS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000,
  3600000,
];

export interface Totals {
  count: number;
  sumMs: number;
  /** Cumulative count per DURATION_BUCKETS bound (the +Inf bucket is `count`). */
  buckets: number[];
}

export interface Stream {
  key: string;
  labels: Record<string, string>;
  totals: Totals;
  /** Snapshots at the end of each second the stream changed, oldest first. */
  history: Array<{ second: number; totals: Totals }>;
}

const copy = (t: Totals): Totals => ({ count: t.count, sumMs: t.sumMs, buckets: [...t.buckets] });
const zero = (): Totals => ({ count: 0, sumMs: 0, buckets: DURATION_BUCKETS.map(() => 0) });

export class SeriesStore {
  private readonly streams = new Map<string, Stream>();
  private readonly dirty = new Set<Stream>();

  constructor(private readonly retentionSeconds = 600) {}

  /** The stream for a key, created with `labels()` on first use (keys are cheap, labels are not). */
  streamFor(key: string, labels: () => Record<string, string>): Stream {
    let stream = this.streams.get(key);
    if (!stream) {
      stream = { key, labels: labels(), totals: zero(), history: [] };
      this.streams.set(key, stream);
    }
    return stream;
  }

  observe(stream: Stream, latencyMs: number): void {
    const t = stream.totals;
    t.count += 1;
    t.sumMs += latencyMs;
    // Buckets are cumulative: every bound at or above the latency counts it.
    for (let i = DURATION_BUCKETS.length - 1; i >= 0 && latencyMs <= (DURATION_BUCKETS[i] as number); i--) {
      t.buckets[i] = (t.buckets[i] ?? 0) + 1;
    }
    this.dirty.add(stream);
  }

  /** Closes a second: snapshots what changed and forgets history older than the retention. */
  endSecond(second: number): void {
    for (const stream of this.dirty) stream.history.push({ second, totals: copy(stream.totals) });
    this.dirty.clear();
    const cutoff = second - this.retentionSeconds;
    for (const stream of this.streams.values()) {
      // Keep one snapshot at or before the cutoff as the baseline of the oldest window.
      let drop = 0;
      while (drop + 1 < stream.history.length && (stream.history[drop + 1]?.second ?? 0) <= cutoff) drop++;
      if (drop > 0) stream.history.splice(0, drop);
    }
  }

  all(): Stream[] {
    return [...this.streams.values()];
  }

  /** The stream's totals as of the end of `second` (zero before it existed). */
  totalsAt(stream: Stream, second: number): Totals {
    const h = stream.history;
    let lo = 0;
    let hi = h.length - 1;
    let found: Totals | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const entry = h[mid] as { second: number; totals: Totals };
      if (entry.second <= second) {
        found = entry.totals;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found ?? zero();
  }

  /** Increase over the window (from - to], clamped like a counter. */
  increase(stream: Stream, fromSecond: number, toSecond: number): Totals {
    const end = this.totalsAt(stream, toSecond);
    const start = this.totalsAt(stream, fromSecond);
    return {
      count: Math.max(0, end.count - start.count),
      sumMs: Math.max(0, end.sumMs - start.sumMs),
      buckets: end.buckets.map((v, i) => Math.max(0, v - (start.buckets[i] ?? 0))),
    };
  }
}
