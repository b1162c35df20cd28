// One informer's view of the ObjectStore. Several informers fill the same kind (per namespace, per
// selector), so a re-list may only remove what this informer put there: it tracks its own keys and
// deletes the ones missing from a fresh list — objects deleted while disconnected leave no ghosts.
import type { KnownKind } from "@rollscope/shared";
import type { ObjectStore } from "@rollscope/shared/cluster/object-store";
import type { EventRetention } from "./event-retention";
import type { KubeLogger } from "./kube-logger";

type Meta = { metadata?: { name?: string; namespace?: string; resourceVersion?: string } };

function keyOf(raw: unknown): string {
  const meta = (raw as Meta).metadata;
  return `${meta?.namespace ?? ""}/${meta?.name ?? ""}`;
}

function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf("/");
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export class ScopedStoreWriter {
  private owned = new Set<string>();
  /** resourceVersion of malformed objects already reported, so a re-list does not repeat the warning. */
  private readonly reported = new Map<string, string | undefined>();

  constructor(
    private readonly store: ObjectStore,
    readonly kind: KnownKind,
    private readonly logger: KubeLogger,
    private readonly retention?: EventRetention,
  ) {}

  /** A full list: the informer's objects become exactly these. */
  replace(items: readonly unknown[]): void {
    const kept = this.retention ? this.retention.select(items) : items;
    this.retention?.clear();
    const next = new Set<string>();
    for (const item of kept) {
      next.add(keyOf(item));
      this.retention?.track(item);
      this.write(item);
    }
    for (const key of this.owned) if (!next.has(key)) this.drop(key);
    this.owned = next;
  }

  upsert(item: unknown): void {
    const key = keyOf(item);
    if (this.retention) {
      const evicted = this.retention.track(item);
      for (const old of evicted) if (old !== key) this.drop(old);
      if (evicted.includes(key)) {
        this.drop(key);
        return;
      }
    }
    this.owned.add(key);
    this.write(item);
  }

  remove(item: unknown): void {
    const key = keyOf(item);
    this.retention?.forget(key);
    this.drop(key);
  }

  /** The informer is going away (its CRD was removed): take its objects with it. */
  clear(): void {
    for (const key of this.owned) this.drop(key);
    this.retention?.clear();
  }

  private write(item: unknown): void {
    const key = keyOf(item);
    const { namespace, name } = splitKey(key);
    const version = (item as Meta).metadata?.resourceVersion;
    // client-node's ListWatch replays a fresh list as adds; unchanged objects are not news.
    const current = this.store.get(this.kind, namespace, name) as Meta | undefined;
    if (version && current?.metadata?.resourceVersion === version) return;
    const error = this.store.upsert(this.kind, item);
    if (!error) {
      this.reported.delete(key);
      return;
    }
    if (this.reported.has(key) && this.reported.get(key) === version) return;
    this.reported.set(key, version);
    this.logger.warn({ kind: this.kind, namespace, name, issues: error.issues }, error.message);
  }

  private drop(key: string): void {
    this.owned.delete(key);
    this.reported.delete(key);
    this.store.delete({ kind: this.kind, ...splitKey(key) });
  }
}
