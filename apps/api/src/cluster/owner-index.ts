// Who owns what, kept up to date from the store's change feed, so building one delivery never scans
// every ReplicaSet and Pod of the cluster.
import type { KnownKind } from "@rollscope/shared";
import { objectKey } from "@rollscope/shared/cluster/object-key";
import type { ObjectStore, StoreEvent } from "@rollscope/shared/cluster/object-store";

const ownedKinds: ReadonlySet<KnownKind> = new Set(["ReplicaSet", "Pod", "AnalysisRun", "Experiment"]);

interface ChildRef {
  kind: KnownKind;
  namespace: string;
  name: string;
}

/**
 * The owner of this index feeds it store events through `apply`, after reading what it needs of the
 * old state (a deleted Pod's owners are only known until the event is applied).
 */
export class OwnerIndex {
  private readonly childrenByOwner = new Map<string, Map<string, ChildRef>>();
  private readonly ownersOfChild = new Map<string, string[]>();
  private readonly childByUid = new Map<string, ChildRef>();
  private readonly uidOfChild = new Map<string, string>();

  constructor(private readonly store: ObjectStore) {
    for (const kind of ownedKinds) {
      for (const object of store.list(kind)) {
        const meta = (object as { metadata: { name: string; namespace?: string } }).metadata;
        this.reindex({ kind, namespace: meta.namespace ?? "", name: meta.name });
      }
    }
  }

  /** The owned object (ReplicaSet, Experiment…) with this uid, if indexed. */
  childWithUid(uid: string): ChildRef | undefined {
    return this.childByUid.get(uid);
  }

  /** Objects of `kind` whose ownerReferences name this uid. */
  children<K extends KnownKind>(ownerUid: string | undefined, kind: K) {
    if (!ownerUid) return [];
    const refs = this.childrenByOwner.get(ownerUid);
    if (!refs) return [];
    const out = [];
    for (const ref of refs.values()) {
      if (ref.kind !== kind) continue;
      const object = this.store.get(kind, ref.namespace, ref.name);
      if (object) out.push(object);
    }
    return out;
  }

  /** The uids that own the object (from its ownerReferences). */
  ownersOf(kind: KnownKind, namespace: string, name: string): string[] {
    return this.ownersOfChild.get(objectKey({ kind, namespace, name })) ?? [];
  }

  apply(event: StoreEvent): void {
    if (ownedKinds.has(event.kind)) this.reindex(event);
  }

  private reindex(ref: ChildRef): void {
    const key = objectKey(ref);
    for (const owner of this.ownersOfChild.get(key) ?? []) this.childrenByOwner.get(owner)?.delete(key);
    this.ownersOfChild.delete(key);
    const oldUid = this.uidOfChild.get(key);
    if (oldUid) this.childByUid.delete(oldUid);
    this.uidOfChild.delete(key);
    const object = this.store.get(ref.kind, ref.namespace, ref.name) as
      | { metadata: { uid?: string; ownerReferences?: Array<{ uid?: string }> | null } }
      | undefined;
    if (!object) return;
    if (object.metadata.uid) {
      this.childByUid.set(object.metadata.uid, { kind: ref.kind, namespace: ref.namespace, name: ref.name });
      this.uidOfChild.set(key, object.metadata.uid);
    }
    const owners = (object.metadata.ownerReferences ?? [])
      .map((o) => o.uid)
      .filter((u): u is string => Boolean(u));
    this.ownersOfChild.set(key, owners);
    for (const owner of owners) {
      let children = this.childrenByOwner.get(owner);
      if (!children) {
        children = new Map();
        this.childrenByOwner.set(owner, children);
      }
      children.set(key, { kind: ref.kind, namespace: ref.namespace, name: ref.name });
    }
  }
}
