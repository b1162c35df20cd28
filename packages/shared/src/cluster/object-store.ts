// The informer cache of one cluster: every watched object, parsed and validated as it enters, with a
// change feed. Queries read it; subscriptions are fed from it. Malformed objects are kept aside with
// their error so the UI can say why something is missing.
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
  private readonly objects = new Map<KnownKind, Map<string, unknown>>();
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
      if (this.byKind(kind).delete(key)) this.emit("deleted", kind, namespace, name);
      return parsed.error;
    }
    const object = parsed.value as { metadata: { name: string; namespace?: string } };
    const namespace = object.metadata.namespace ?? "";
    const key = objectKey({ kind, namespace, name: object.metadata.name });
    this.invalid.delete(key);
    const map = this.byKind(kind);
    const existed = map.has(key);
    map.set(key, object);
    this.emit(existed ? "modified" : "added", kind, namespace, object.metadata.name);
    return undefined;
  }

  delete(key: ObjectKey): void {
    const id = objectKey(key);
    this.invalid.delete(id);
    if (this.byKind(key.kind).delete(id)) this.emit("deleted", key.kind, key.namespace, key.name);
  }

  /** Replaces every object of a kind (a re-list): emits only the differences. */
  replaceAll(kind: KnownKind, raws: unknown[]): void {
    const before = new Set(this.byKind(kind).keys());
    for (const raw of raws) {
      const meta = (raw as { metadata?: { name?: unknown; namespace?: unknown } })?.metadata;
      before.delete(
        objectKey({ kind, namespace: String(meta?.namespace ?? ""), name: String(meta?.name ?? "") }),
      );
      this.upsert(kind, raw);
    }
    for (const stale of before) {
      const [, namespace = "", name = ""] = stale.split("/");
      this.delete({ kind, namespace, name });
    }
  }

  get<K extends KnownKind>(kind: K, namespace: string, name: string): ObjectOfKind<K> | undefined {
    return this.byKind(kind).get(objectKey({ kind, namespace, name })) as ObjectOfKind<K> | undefined;
  }

  list<K extends KnownKind>(kind: K, namespace?: string): ObjectOfKind<K>[] {
    const all = [...this.byKind(kind).values()] as ObjectOfKind<K>[];
    if (namespace === undefined) return all;
    return all.filter(
      (o) => ((o as { metadata: { namespace?: string } }).metadata.namespace ?? "") === namespace,
    );
  }

  count(kind: KnownKind): number {
    return this.byKind(kind).size;
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

  private byKind(kind: KnownKind): Map<string, unknown> {
    let map = this.objects.get(kind);
    if (!map) {
      map = new Map();
      this.objects.set(kind, map);
    }
    return map;
  }

  private emit(type: StoreEventType, kind: KnownKind, namespace: string, name: string): void {
    const event = { type, kind, namespace, name, sequence: ++this.sequence };
    for (const listener of this.listeners) listener(event);
  }
}
