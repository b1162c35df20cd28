// The object store behind the fake API server: objects per resource, one resourceVersion counter,
// a history for watches that resume from a resourceVersion, and compaction (older resourceVersions
// answer 410 Gone, as etcd compaction makes them do on a real API server).
import { randomUUID } from "node:crypto";
import { type KnownKind, kindResources } from "@rollscope/shared";

export type RawObject = {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface Filter {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface Watcher {
  kind: KnownKind;
  filter: Filter;
  send(type: WatchEventType, object: RawObject): void;
}

const clone = <T>(v: T): T => structuredClone(v);

function fieldValue(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const part of path.split(".")) current = (current as Record<string, unknown> | undefined)?.[part];
  return current;
}

/** Equality and existence selectors, the subset Rollscope sends (`a=b`, `a`, `!a`). */
export function matches(object: RawObject, filter: Filter): boolean {
  if (filter.namespace && object.metadata.namespace !== filter.namespace) return false;
  const labels = object.metadata.labels ?? {};
  for (const term of (filter.labelSelector ?? "").split(",").filter(Boolean)) {
    const [key = "", value] = term.split("=");
    if (key.startsWith("!")) {
      if (key.slice(1) in labels) return false;
    } else if (value === undefined ? !(key in labels) : labels[key] !== value) return false;
  }
  for (const term of (filter.fieldSelector ?? "").split(",").filter(Boolean)) {
    const [path = "", value] = term.split("=");
    if (String(fieldValue(object, path) ?? "") !== value) return false;
  }
  return true;
}

export class FakeClusterState {
  private rv = 100;
  private readonly objects = new Map<KnownKind, Map<string, RawObject>>();
  private history: Array<{ rv: number; kind: KnownKind; type: WatchEventType; object: RawObject }> = [];
  private readonly watchers = new Set<Watcher>();
  /** Watches from a resourceVersion below this answer 410 Gone. */
  compactedBelow = 0;

  get resourceVersion(): string {
    return String(this.rv);
  }

  create(kind: KnownKind, object: RawObject): RawObject {
    const { group, version } = kindResources[kind];
    const stored = clone(object);
    stored.apiVersion ??= group ? `${group}/${version}` : version;
    stored.kind ??= kind;
    stored.metadata.uid ??= randomUUID();
    stored.metadata.creationTimestamp ??= new Date().toISOString();
    return this.write(kind, stored, "ADDED");
  }

  update(
    kind: KnownKind,
    namespace: string,
    name: string,
    change: (o: RawObject) => RawObject | undefined,
  ): RawObject {
    const current = this.get(kind, namespace, name);
    if (!current) throw new Error(`${kind} ${namespace}/${name} does not exist`);
    return this.write(kind, change(current) ?? current, "MODIFIED");
  }

  delete(kind: KnownKind, namespace: string, name: string): void {
    const current = this.get(kind, namespace, name);
    if (!current) return;
    this.byKind(kind).delete(`${namespace}/${name}`);
    current.metadata.resourceVersion = String(++this.rv);
    this.publish(kind, "DELETED", current);
  }

  /** A deletion no watch reports: only a re-list can reveal it. */
  deleteSilently(kind: KnownKind, namespace: string, name: string): void {
    this.byKind(kind).delete(`${namespace}/${name}`);
    this.rv += 1;
  }

  get(kind: KnownKind, namespace: string, name: string): RawObject | undefined {
    const found = this.byKind(kind).get(`${namespace}/${name}`);
    return found ? clone(found) : undefined;
  }

  list(kind: KnownKind, filter: Filter): RawObject[] {
    return [...this.byKind(kind).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, o]) => o)
      .filter((o) => matches(o, filter))
      .map(clone);
  }

  /** Forget the history: every resourceVersion before now is too old to watch from. */
  compact(): void {
    this.history = [];
    this.compactedBelow = this.rv;
  }

  /** Starts a watch; false when `fromVersion` is compacted away (the caller answers 410). */
  watch(watcher: Watcher, fromVersion: string | undefined): (() => void) | false {
    const from = fromVersion ? Number(fromVersion) : undefined;
    if (from !== undefined && from !== 0 && from < this.compactedBelow) return false;
    if (from === undefined || from === 0) {
      for (const o of this.list(watcher.kind, watcher.filter)) watcher.send("ADDED", o);
    } else {
      for (const h of this.history) {
        if (h.rv > from && h.kind === watcher.kind && matches(h.object, watcher.filter)) {
          watcher.send(h.type, clone(h.object));
        }
      }
    }
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private write(kind: KnownKind, object: RawObject, type: WatchEventType): RawObject {
    object.metadata.resourceVersion = String(++this.rv);
    this.byKind(kind).set(`${object.metadata.namespace ?? ""}/${object.metadata.name}`, clone(object));
    this.publish(kind, type, object);
    return clone(object);
  }

  private publish(kind: KnownKind, type: WatchEventType, object: RawObject): void {
    this.history.push({ rv: this.rv, kind, type, object: clone(object) });
    for (const w of this.watchers)
      if (w.kind === kind && matches(object, w.filter)) w.send(type, clone(object));
  }

  private byKind(kind: KnownKind): Map<string, RawObject> {
    let map = this.objects.get(kind);
    if (!map) {
      map = new Map();
      this.objects.set(kind, map);
    }
    return map;
  }
}
