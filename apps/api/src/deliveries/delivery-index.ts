// The deliveries of one cluster: an overview row for each, kept current by rebuilding only what a store
// change touches, and a batched change feed carrying each changed delivery in full (for the recorders)
// with its row (for the streams). A delivery in full (revisions, pods, timeline, runs) is built when
// asked for and not kept: at 10,000 deliveries holding them all cost more than the objects they come from.
import {
  type AnalysisRun,
  type Canary,
  canaryAnalysis,
  canaryDelivery,
  canaryServiceNames,
  type Delivery,
  type DeliverySummary,
  type Deployment,
  type Experiment,
  istioRouteWeights,
  type Pod,
  type ReplicaSet,
  type Rollout,
  rolloutDelivery,
  toSummary,
  type VirtualService,
} from "@rollscope/shared";
import type { ClusterHealth, ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import type { StoreEvent } from "@rollscope/shared/cluster/object-store";
import { OwnerIndex } from "../cluster/owner-index";

export type DeliveryKey = string; // "Rollout/ns/name" | "Canary/ns/name"

export type RemovedDelivery = { kind: "Rollout" | "Canary"; namespace: string; name: string };

/** What changed in one cluster, as overview rows: what the streams and the change journal carry. */
export interface RowChanges {
  cluster: string;
  rows: DeliverySummary[];
  removed: RemovedDelivery[];
}

export interface DeliveryChanges extends RowChanges {
  /** The changed deliveries in full, built once for this batch; `rows` are theirs, in the same order. */
  upserted: Delivery[];
}

type Listener = (changes: DeliveryChanges) => void;

/** How long changes wait while a cluster is still listing (see onStoreEvent). */
const LISTING_BATCH_MS = 1_000;

const key = (kind: string, namespace: string, name: string): DeliveryKey => `${kind}/${namespace}/${name}`;

export class DeliveryIndex {
  private readonly owners: OwnerIndex;
  private readonly rows = new Map<DeliveryKey, DeliverySummary>();
  private readonly rolloutByUid = new Map<string, DeliveryKey>();
  private readonly dirty = new Set<DeliveryKey>();
  private readonly listeners = new Set<Listener>();
  /** Cancels the pending flush, if one is scheduled. */
  private cancelFlush: (() => void) | undefined;
  /** Whether the pending flush is the long wait of a cluster still listing. */
  private waitingForListing = false;
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
    const fromStore = source.store.subscribe((event) => this.onStoreEvent(event));
    const fromHealth = source.onHealthChange?.((health) => this.onHealth(health));
    this.unsubscribe = () => {
      fromStore();
      fromHealth?.();
    };
    this.rebuildDirty();
  }

  dispose(): void {
    this.unsubscribe();
    this.cancelFlush?.();
  }

  /** Every delivery's overview row, as of now. */
  summaries(): IterableIterator<DeliverySummary> {
    this.rebuildDirty();
    return this.rows.values();
  }

  /**
   * Every delivery in full, built now: for recorders catching up (at start, or when this replica
   * becomes the writer), not for answering requests.
   */
  list(): Delivery[] {
    this.rebuildDirty();
    const all: Delivery[] = [];
    for (const k of this.rows.keys()) {
      const built = this.build(k);
      if (built) all.push(built);
    }
    return all;
  }

  /** One delivery in full, built now from the store. */
  get(kind: "Rollout" | "Canary", namespace: string, name: string): Delivery | undefined {
    this.rebuildDirty();
    const k = key(kind, namespace, name);
    return this.rows.has(k) ? this.build(k) : undefined;
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
    if (this.dirty.size > 0 && !this.cancelFlush) {
      // Idle (nothing sent for a whole window): send at once, after the events of this turn (a watch
      // chunk) are in. Busy: coalesce until a window has passed since the last batch went out.
      // Listing (each kind arrives whole, touching every delivery): wait longer, so a delivery is
      // built a few times while a cluster lists rather than once per kind.
      const sinceLast = performance.now() - this.lastFlushAt;
      const wait = !this.source.health().synced
        ? LISTING_BATCH_MS
        : sinceLast >= this.batchMs
          ? 0
          : this.batchMs - sinceLast;
      this.scheduleFlush(wait);
      this.waitingForListing = wait === LISTING_BATCH_MS;
    }
  }

  private scheduleFlush(wait: number): void {
    const flush = () => {
      this.cancelFlush = undefined;
      this.waitingForListing = false;
      this.rebuildDirty();
    };
    // setImmediate runs once this turn's I/O is handled; setTimeout(0) would wait a whole millisecond.
    if (wait === 0) {
      const immediate = setImmediate(flush);
      this.cancelFlush = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(flush, wait);
      this.cancelFlush = () => clearTimeout(timer);
    }
  }

  /** The last list is in: what waited for the listing to end goes out now, not at the end of its wait. */
  private onHealth(health: ClusterHealth): void {
    if (!health.synced || !this.waitingForListing) return;
    this.cancelFlush?.();
    this.scheduleFlush(0);
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
    const changes: DeliveryChanges = { cluster: this.source.name, upserted: [], rows: [], removed: [] };
    for (const k of this.dirty) {
      const built = this.build(k);
      const previous = this.rows.get(k);
      if (built) {
        const row = toSummary(built);
        this.rows.set(k, row);
        changes.upserted.push(built);
        changes.rows.push(row);
      } else if (previous) {
        this.rows.delete(k);
        if (previous.uid) this.rolloutByUid.delete(previous.uid);
        const { kind, namespace, name } = previous.ref;
        changes.removed.push({ kind, namespace, name });
      }
    }
    this.dirty.clear();
    if (changes.upserted.length + changes.removed.length === 0) return;
    this.lastFlushAt = performance.now();
    for (const listener of this.listeners) listener(changes);
  }

  private build(k: DeliveryKey): Delivery | undefined {
    const [kind, namespace = "", name = ""] = k.split("/") as ["Rollout" | "Canary", string, string];
    return kind === "Rollout" ? this.buildRollout(namespace, name) : this.buildCanary(namespace, name);
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
