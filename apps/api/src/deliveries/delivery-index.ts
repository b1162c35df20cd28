// Ready-to-render Deliveries of one cluster, rebuilt only for what a store change touches, with a
// batched change feed for subscriptions.
import {
  type AnalysisRun,
  type Canary,
  canaryAnalysis,
  canaryDelivery,
  canaryServiceNames,
  type Delivery,
  type Deployment,
  type Experiment,
  istioRouteWeights,
  type Pod,
  type ReplicaSet,
  type Rollout,
  rolloutDelivery,
  type VirtualService,
} from "@rollscope/shared";
import type { ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import type { StoreEvent } from "@rollscope/shared/cluster/object-store";
import { OwnerIndex } from "../cluster/owner-index";

export type DeliveryKey = string; // "Rollout/ns/name" | "Canary/ns/name"

export interface DeliveryChanges {
  cluster: string;
  upserted: Delivery[];
  removed: Array<{ kind: "Rollout" | "Canary"; namespace: string; name: string }>;
}

type Listener = (changes: DeliveryChanges) => void;

const key = (kind: string, namespace: string, name: string): DeliveryKey => `${kind}/${namespace}/${name}`;

export class DeliveryIndex {
  private readonly owners: OwnerIndex;
  private readonly deliveries = new Map<DeliveryKey, Delivery>();
  private readonly rolloutByUid = new Map<string, DeliveryKey>();
  private readonly dirty = new Set<DeliveryKey>();
  private readonly listeners = new Set<Listener>();
  private flushTimer: NodeJS.Timeout | undefined;
  /** When the last batch of changes went out (performance.now()), for coalescing only under load. */
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly source: ClusterSource,
    /** Coalescing window for change batches under load, in ms (a change to an idle index goes out at once). */
    private readonly batchMs = 25,
  ) {
    this.owners = new OwnerIndex(source.store);
    for (const ro of source.store.list("Rollout"))
      this.dirty.add(key("Rollout", ro.metadata.namespace ?? "", ro.metadata.name));
    for (const c of source.store.list("Canary"))
      this.dirty.add(key("Canary", c.metadata.namespace ?? "", c.metadata.name));
    this.unsubscribe = source.store.subscribe((event) => this.onStoreEvent(event));
    this.rebuildDirty();
  }

  dispose(): void {
    this.unsubscribe();
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }

  list(): Delivery[] {
    this.rebuildDirty();
    return [...this.deliveries.values()];
  }

  get(kind: "Rollout" | "Canary", namespace: string, name: string): Delivery | undefined {
    this.rebuildDirty();
    return this.deliveries.get(key(kind, namespace, name));
  }

  /** Objects behind a Rollout delivery, for detail views and actions. */
  rolloutObjects(rollout: Rollout) {
    const store = this.source.store;
    const namespace = rollout.metadata.namespace ?? "";
    const replicaSets = this.owners.children(rollout.metadata.uid, "ReplicaSet") as ReplicaSet[];
    const experiments = this.owners.children(rollout.metadata.uid, "Experiment") as Experiment[];
    const experimentSets = experiments.flatMap(
      (e) => this.owners.children(e.metadata.uid, "ReplicaSet") as ReplicaSet[],
    );
    const pods = [...replicaSets, ...experimentSets].flatMap(
      (rs) => this.owners.children(rs.metadata.uid, "Pod") as Pod[],
    );
    const analysisRuns = [
      ...(this.owners.children(rollout.metadata.uid, "AnalysisRun") as AnalysisRun[]),
      ...experiments.flatMap((e) => this.owners.children(e.metadata.uid, "AnalysisRun") as AnalysisRun[]),
    ];
    const workloadName = rollout.spec.workloadRef?.name;
    // null: named but not there, which the delivery reports.
    const workload = workloadName ? (store.get("Deployment", namespace, workloadName) ?? null) : undefined;
    return { replicaSets: [...replicaSets, ...experimentSets], experiments, pods, analysisRuns, workload };
  }

  /** Objects behind a Canary delivery: its target and primary Deployments and their pods. */
  canaryObjects(canary: Canary) {
    const store = this.source.store;
    const namespace = canary.metadata.namespace ?? "";
    const target = canary.spec.targetRef.name;
    const deployments = [
      store.get("Deployment", namespace, target),
      store.get("Deployment", namespace, `${target}-primary`),
    ].filter((d): d is Deployment => d !== undefined);
    const replicaSets = deployments.flatMap(
      (d) => this.owners.children(d.metadata.uid, "ReplicaSet") as ReplicaSet[],
    );
    const pods = replicaSets.flatMap((rs) => this.owners.children(rs.metadata.uid, "Pod") as Pod[]);
    const virtualService = store.get("VirtualService", namespace, canaryServiceNames(canary).apex);
    return { deployments, replicaSets, pods, virtualService };
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onStoreEvent(event: StoreEvent): void {
    for (const affected of this.affectedBy(event)) this.dirty.add(affected);
    this.owners.apply(event);
    if (this.dirty.size > 0 && !this.flushTimer) {
      // Idle (nothing sent for a whole window): send at once, after the events of this turn (a watch
      // chunk) are in. Busy: coalesce until a window has passed since the last batch went out.
      const sinceLast = performance.now() - this.lastFlushAt;
      this.flushTimer = setTimeout(
        () => {
          this.flushTimer = undefined;
          this.rebuildDirty();
        },
        sinceLast >= this.batchMs ? 0 : this.batchMs - sinceLast,
      );
    }
  }

  /** Deliveries whose view depends on the object in the event (read before the owner index moves on). */
  private affectedBy(event: StoreEvent): DeliveryKey[] {
    const { kind, namespace, name } = event;
    switch (kind) {
      case "Rollout":
      case "Canary":
        return [key(kind, namespace, name)];
      case "ReplicaSet":
      case "Pod":
      case "AnalysisRun":
      case "Experiment":
        return this.rolloutsAbove(kind, namespace, name).concat(
          this.canariesAboveWorkloadChild(kind, namespace, name),
        );
      case "Deployment":
        return this.canariesForDeployment(namespace, name).concat(this.rolloutsReferencing(namespace, name));
      case "VirtualService":
        return this.source.store
          .list("Canary", namespace)
          .filter((c) => canaryServiceNames(c).apex === name)
          .map((c) => key("Canary", namespace, c.metadata.name));
      default:
        return [];
    }
  }

  /** Climb ownerReferences (Pod → ReplicaSet → Rollout, AnalysisRun → Experiment → Rollout). */
  private rolloutsAbove(kind: StoreEvent["kind"], namespace: string, name: string, depth = 0): DeliveryKey[] {
    if (depth > 3) return [];
    return this.owners.ownersOf(kind, namespace, name).flatMap((uid) => {
      const rollout = this.rolloutByUid.get(uid);
      if (rollout) return [rollout];
      const parent = this.owners.childWithUid(uid);
      return parent ? this.rolloutsAbove(parent.kind, parent.namespace, parent.name, depth + 1) : [];
    });
  }

  private canariesAboveWorkloadChild(
    kind: StoreEvent["kind"],
    namespace: string,
    name: string,
  ): DeliveryKey[] {
    if (kind !== "ReplicaSet" && kind !== "Pod") return [];
    const rsName =
      kind === "Pod"
        ? this.owners.ownersOf(kind, namespace, name).map((uid) => this.owners.childWithUid(uid)?.name)[0]
        : name;
    const rs = rsName ? this.source.store.get("ReplicaSet", namespace, rsName) : undefined;
    const deployment = rs?.metadata.ownerReferences?.find((o) => o.kind === "Deployment")?.name;
    return deployment ? this.canariesForDeployment(namespace, deployment) : [];
  }

  /** Rollouts whose spec.workloadRef names this Deployment (their template and notices come from it). */
  private rolloutsReferencing(namespace: string, deployment: string): DeliveryKey[] {
    return this.source.store
      .list("Rollout", namespace)
      .filter((r) => r.spec.workloadRef?.name === deployment)
      .map((r) => key("Rollout", namespace, r.metadata.name));
  }

  private canariesForDeployment(namespace: string, deployment: string): DeliveryKey[] {
    return this.source.store
      .list("Canary", namespace)
      .filter(
        (c) => c.spec.targetRef.name === deployment || `${c.spec.targetRef.name}-primary` === deployment,
      )
      .map((c) => key("Canary", namespace, c.metadata.name));
  }

  private rebuildDirty(): void {
    if (this.dirty.size === 0) return;
    const changes: DeliveryChanges = { cluster: this.source.name, upserted: [], removed: [] };
    for (const k of this.dirty) {
      const [kind, namespace = "", name = ""] = k.split("/") as ["Rollout" | "Canary", string, string];
      const built =
        kind === "Rollout" ? this.buildRollout(namespace, name) : this.buildCanary(namespace, name);
      const previous = this.deliveries.get(k);
      if (built) {
        this.deliveries.set(k, built);
        changes.upserted.push(built);
      } else if (previous) {
        this.deliveries.delete(k);
        if (previous.uid) this.rolloutByUid.delete(previous.uid);
        changes.removed.push({ kind, namespace, name });
      }
    }
    this.dirty.clear();
    if (changes.upserted.length + changes.removed.length === 0) return;
    this.lastFlushAt = performance.now();
    for (const listener of this.listeners) listener(changes);
  }

  private buildRollout(namespace: string, name: string): Delivery | undefined {
    const rollout = this.source.store.get("Rollout", namespace, name);
    if (!rollout) return undefined;
    if (rollout.metadata.uid) this.rolloutByUid.set(rollout.metadata.uid, key("Rollout", namespace, name));
    const objects = this.rolloutObjects(rollout);
    return rolloutDelivery({ cluster: this.source.name, rollout, ...objects });
  }

  private buildCanary(namespace: string, name: string): Delivery | undefined {
    const canary = this.source.store.get("Canary", namespace, name);
    if (!canary) return undefined;
    const { deployments, replicaSets, pods, virtualService } = this.canaryObjects(canary);
    const routedWeight = canaryRoutedWeight(virtualService, canary);
    return canaryDelivery({
      cluster: this.source.name,
      canary,
      deployments,
      replicaSets,
      pods,
      ...(routedWeight !== undefined ? { routedWeight } : {}),
    });
  }
}

/** The canary's share of the traffic its VirtualService routes, as Flagger reads it. */
function canaryRoutedWeight(vs: VirtualService | undefined, canary: Canary): number | undefined {
  // A/B routes send all matching requests to the canary: that is not a traffic weight.
  if ((canaryAnalysis(canary).match?.length ?? 0) > 0) return undefined;
  return vs ? istioRouteWeights(canary, vs)?.canaryWeight : undefined;
}
