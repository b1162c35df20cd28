// Bounding the Event cache: at most `limit` events per involved object (default 100), newest by
// lastTimestamp / eventTime / creation. A noisy object cannot crowd out the rest or grow memory
// without bound; the timelines only read recent events anyway.
type RawEvent = {
  metadata?: { name?: string; namespace?: string; creationTimestamp?: string | null };
  involvedObject?: { kind?: string | null; namespace?: string | null; name?: string | null };
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { lastObservedTime?: string | null } | null;
};

export const defaultEventsPerObject = 100;

export function eventKey(raw: unknown): string {
  const meta = (raw as RawEvent).metadata;
  return `${meta?.namespace ?? ""}/${meta?.name ?? ""}`;
}

export function involvedKey(raw: unknown): string {
  const e = raw as RawEvent;
  const o = e.involvedObject;
  return `${o?.kind ?? ""}/${o?.namespace ?? e.metadata?.namespace ?? ""}/${o?.name ?? ""}`;
}

export function eventTime(raw: unknown): number {
  const e = raw as RawEvent;
  const stamp = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  const ms = stamp ? Date.parse(stamp) : Number.NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

export class EventRetention {
  private readonly byInvolved = new Map<string, Map<string, number>>();
  private readonly involvedOf = new Map<string, string>();

  constructor(readonly limit: number = defaultEventsPerObject) {}

  /** The newest `limit` events per involved object, from a full list. */
  select<T>(events: readonly T[]): T[] {
    const groups = new Map<string, T[]>();
    for (const e of events) {
      const key = involvedKey(e);
      const group = groups.get(key);
      if (group) group.push(e);
      else groups.set(key, [e]);
    }
    const kept: T[] = [];
    for (const group of groups.values()) {
      group.sort((a, b) => eventTime(b) - eventTime(a) || eventKey(b).localeCompare(eventKey(a)));
      kept.push(...group.slice(0, this.limit));
    }
    return kept;
  }

  /** Records an added or updated event; returns the keys of the events it pushed out. */
  track(raw: unknown): string[] {
    const key = eventKey(raw);
    this.forget(key);
    const involved = involvedKey(raw);
    let events = this.byInvolved.get(involved);
    if (!events) {
      events = new Map();
      this.byInvolved.set(involved, events);
    }
    events.set(key, eventTime(raw));
    this.involvedOf.set(key, involved);
    const evicted: string[] = [];
    while (events.size > this.limit) {
      let oldest: [string, number] | undefined;
      for (const entry of events) {
        if (!oldest || entry[1] < oldest[1] || (entry[1] === oldest[1] && entry[0] < oldest[0]))
          oldest = entry;
      }
      if (!oldest) break;
      this.forget(oldest[0]);
      evicted.push(oldest[0]);
    }
    return evicted;
  }

  forget(key: string): void {
    const involved = this.involvedOf.get(key);
    if (involved === undefined) return;
    this.involvedOf.delete(key);
    const events = this.byInvolved.get(involved);
    events?.delete(key);
    if (events?.size === 0) this.byInvolved.delete(involved);
  }

  clear(): void {
    this.byInvolved.clear();
    this.involvedOf.clear();
  }
}
