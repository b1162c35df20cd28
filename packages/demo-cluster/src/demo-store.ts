// The demo cluster's API server: raw Kubernetes-shaped objects with the semantics the real one has
// for what Rollscope and the controllers do — resourceVersion on every write, generation on spec
// changes, the status subresource, JSON merge patch (RFC 7386) and JSON patch (RFC 6902).
import { randomUUID } from "node:crypto";
import type { KnownKind } from "@rollscope/shared";
import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import { describeKey, type ObjectKey, objectKey } from "@rollscope/shared/cluster/object-key";
import type { LooseObjectMeta } from "@rollscope/shared/kube/loose-object";
import { applyPatch, type PatchType } from "./apply-patch";
import type { DemoClock } from "./demo-clock";

export type RawObject = {
  apiVersion?: string;
  kind: string;
  metadata: LooseObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
};

export type DemoWatchEvent = { type: "added" | "modified" | "deleted"; object: RawObject };
type Listener = (event: DemoWatchEvent) => void;

/** Kinds whose spec changes bump metadata.generation (all the ones with a spec we serve). */
const hasStatusSubresource = new Set([
  "Rollout",
  "AnalysisRun",
  "Experiment",
  "ReplicaSet",
  "Deployment",
  "Canary",
  "Pod",
]);

const clone = <T>(v: T): T => structuredClone(v);

export class DemoStore {
  private readonly objects = new Map<string, RawObject>();
  private readonly listeners = new Set<Listener>();
  private resourceVersion = 1000;

  constructor(private readonly clock: DemoClock) {}

  keyOf(object: RawObject): ObjectKey {
    return {
      kind: object.kind as KnownKind,
      namespace: object.metadata.namespace ?? "",
      name: object.metadata.name,
    };
  }

  get(key: ObjectKey): RawObject | undefined {
    const found = this.objects.get(objectKey(key));
    return found ? clone(found) : undefined;
  }

  list(kind: string, namespace?: string): RawObject[] {
    const out: RawObject[] = [];
    for (const o of this.objects.values()) {
      if (o.kind === kind && (namespace === undefined || (o.metadata.namespace ?? "") === namespace))
        out.push(clone(o));
    }
    return out;
  }

  create(object: RawObject): RawObject {
    const key = this.keyOf(object);
    if (this.objects.has(objectKey(key)))
      throw new ClusterRequestError(`${describeKey(key)} already exists`, "Conflict", 409);
    const stored = clone(object);
    stored.metadata.uid ??= randomUUID();
    stored.metadata.generation = 1;
    stored.metadata.creationTimestamp ??= this.clock.timestamp();
    stored.metadata.resourceVersion = this.nextVersion();
    this.objects.set(objectKey(key), stored);
    this.emit("added", stored);
    return clone(stored);
  }

  /** Writes a whole object (controllers' updates); spec changes bump the generation. */
  update(object: RawObject): RawObject {
    const key = this.keyOf(object);
    const current = this.objects.get(objectKey(key));
    if (!current) throw new ClusterRequestError(`${describeKey(key)} not found`, "NotFound", 404);
    return this.commit(current, clone(object));
  }

  /** Writes only the status, as PUT .../status does. */
  updateStatus(key: ObjectKey, status: Record<string, unknown>): RawObject {
    const current = this.require(key);
    return this.commit(current, { ...clone(current), status: clone(status) });
  }

  patch(
    key: ObjectKey,
    request: { patchType: PatchType; body: unknown; subresource?: "status" | undefined },
  ): RawObject {
    const current = this.require(key);
    let next = applyPatch(current, request.patchType, request.body);
    // With a status subresource, a patch to the object ignores status and a patch to /status
    // changes nothing but status, as the API server does.
    if (hasStatusSubresource.has(current.kind)) {
      if (request.subresource === "status") next = { ...clone(current), status: next.status ?? {} };
      else next = { ...next, status: clone(current.status ?? {}) };
    }
    return this.commit(current, next);
  }

  delete(key: ObjectKey): void {
    const id = objectKey(key);
    const current = this.objects.get(id);
    if (!current) return;
    this.objects.delete(id);
    this.emit("deleted", current);
  }

  watch(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  all(): RawObject[] {
    return [...this.objects.values()].map(clone);
  }

  private require(key: ObjectKey): RawObject {
    const current = this.objects.get(objectKey(key));
    if (!current) throw new ClusterRequestError(`${describeKey(key)} not found`, "NotFound", 404);
    return current;
  }

  private commit(current: RawObject, next: RawObject): RawObject {
    // Identity fields are the server's, whatever the writer sent.
    next.kind = current.kind;
    next.metadata = {
      ...next.metadata,
      name: current.metadata.name,
      ...(current.metadata.namespace !== undefined ? { namespace: current.metadata.namespace } : {}),
      uid: current.metadata.uid as string,
      creationTimestamp: current.metadata.creationTimestamp as string,
      generation:
        JSON.stringify(next.spec ?? null) === JSON.stringify(current.spec ?? null)
          ? (current.metadata.generation ?? 1)
          : (current.metadata.generation ?? 1) + 1,
      resourceVersion: this.nextVersion(),
    };
    this.objects.set(objectKey(this.keyOf(current)), next);
    this.emit("modified", next);
    return clone(next);
  }

  private nextVersion(): string {
    this.resourceVersion += 1;
    return String(this.resourceVersion);
  }

  private emit(type: DemoWatchEvent["type"], object: RawObject): void {
    const copy = clone(object);
    for (const listener of this.listeners) listener({ type, object: copy });
  }
}
