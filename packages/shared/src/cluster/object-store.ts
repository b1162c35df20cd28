// The informer cache of one cluster: every watched object, parsed and validated as it enters, with a
// change feed. Queries read it; subscriptions are fed from it. Malformed objects are kept aside with
// their error so the UI can say why something is missing. Objects are held by kind, then namespace,
// so what one namespace holds is read without walking the whole cluster (at 10,000 deliveries every
// change asks "which Canaries in this namespace target this Deployment?").
import { type ObjectParseError, parseObject } from "../schemas/parse";
import type { KnownKind, ObjectOfKind } from "../schemas/registry";
import { type ObjectKey, objectKey } from "./object-key";

export type StoreEventType = "added" | "modified" | "deleted";

export interface StoreEvent {
  type: StoreEventType;
  kind: KnownKind;
  namespace: string;
  name: string;
  /** Monotonic per store: lets subscribers resume and coalesce. */
  sequence: number;
}

type Listener = (event: StoreEvent) => void;

export class ObjectStore {
  private readonly objects = new Map<KnownKind, Map<string, Map<string, unknown>>>();
  private readonly counts = new Map<KnownKind, number>();
  private readonly invalid = new Map<string, ObjectParseError>();
  private readonly listeners = new Set<Listener>();
  private sequence = 0;

  /** Adds or replaces an object from raw JSON. Returns the parse error when it is malformed. */
  upsert(kind: KnownKind, raw: unknown): ObjectParseError | undefined {
    const parsed = parseObject(kind, raw);
    if (!parsed.ok) {
      const { namespace = "", name = "" } = parsed.error;
      const key = objectKey({ kind, namespace, name });
      this.invalid.set(key, parsed.error);
      // A previously valid version must not linger as if current.
      if (this.remove(kind, namespace, name)) this.emit("deleted", kind, namespace, name);
      return parsed.error;
    }
    const object = parsed.value as { metadata: { name: string; namespace?: string } };
    const namespace = object.metadata.namespace ?? "";
    const key = objectKey({ kind, namespace, name: object.metadata.name });
    this.invalid.delete(key);
    const existed = this.put(kind, namespace, object.metadata.name, object);
    this.emit(existed ? "modified" : "added", kind, namespace, object.metadata.name);
    return undefined;
  }

  delete(key: ObjectKey): void {
    const id = objectKey(key);
    this.invalid.delete(id);
    if (this.remove(key.kind, key.namespace, key.name))
      this.emit("deleted", key.kind, key.namespace, key.name);
  }

  /** Replaces every object of a kind (a re-list): emits only the differences. */
  replaceAll(kind: KnownKind, raws: unknown[]): void {
    const before = new Map<string, Set<string>>();
    for (const [namespace, names] of this.byKind(kind)) before.set(namespace, new Set(names.keys()));
    for (const raw of raws) {
      const meta = (raw as { metadata?: { name?: unknown; namespace?: unknown } })?.metadata;
      before.get(String(meta?.namespace ?? ""))?.delete(String(meta?.name ?? ""));
      this.upsert(kind, raw);
    }
    for (const [namespace, names] of before) for (const name of names) this.delete({ kind, namespace, name });
  }

  get<K extends KnownKind>(kind: K, namespace: string, name: string): ObjectOfKind<K> | undefined {
    return this.byKind(kind).get(namespace)?.get(name) as ObjectOfKind<K> | undefined;
  }

  /** Every object of a kind, or of a kind in one namespace ("" for cluster-scoped kinds). */
  list<K extends KnownKind>(kind: K, namespace?: string): ObjectOfKind<K>[] {
    const byNamespace = this.byKind(kind);
    if (namespace !== undefined)
      return [...(byNamespace.get(namespace)?.values() ?? [])] as ObjectOfKind<K>[];
    const all: unknown[] = [];
    for (const names of byNamespace.values()) for (const object of names.values()) all.push(object);
    return all as ObjectOfKind<K>[];
  }

  count(kind: KnownKind): number {
    return this.counts.get(kind) ?? 0;
  }

  invalidObjects(): ObjectParseError[] {
    return [...this.invalid.values()];
  }

  get currentSequence(): number {
    return this.sequence;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private byKind(kind: KnownKind): Map<string, Map<string, unknown>> {
    let map = this.objects.get(kind);
    if (!map) {
      map = new Map();
      this.objects.set(kind, map);
    }
    return map;
  }

  /** Stores an object; says whether one of that name was there before. */
  private put(kind: KnownKind, namespace: string, name: string, object: unknown): boolean {
    const byNamespace = this.byKind(kind);
    let names = byNamespace.get(namespace);
    if (!names) {
      names = new Map();
      byNamespace.set(namespace, names);
    }
    const existed = names.has(name);
    names.set(name, object);
    if (!existed) this.counts.set(kind, this.count(kind) + 1);
    return existed;
  }

  /** Forgets an object; says whether it was there. An emptied namespace is forgotten too. */
  private remove(kind: KnownKind, namespace: string, name: string): boolean {
    const byNamespace = this.byKind(kind);
    const names = byNamespace.get(namespace);
    if (!names?.delete(name)) return false;
    if (names.size === 0) byNamespace.delete(namespace);
    this.counts.set(kind, this.count(kind) - 1);
    return true;
  }

  private emit(type: StoreEventType, kind: KnownKind, namespace: string, name: string): void {
    const event = { type, kind, namespace, name, sequence: ++this.sequence };
    for (const listener of this.listeners) listener(event);
  }
}
