// What kube-controller-manager does for ReplicaSets in a real cluster: keep spec.replicas Pods
// running, owned by the ReplicaSet, and report replicas/ready/available in its status. Pods start
// Pending (ContainerCreating) and become Running and Ready after a short demo-time delay.
import type { ObjectOfKind } from "@rollscope/shared";
import type { DemoStore, RawObject } from "../demo-store";
import type { SimClock } from "./clock";
import { parseTimestamp } from "./clock";
import type { NameSuffixes } from "./hashing";
import { asRaw, clone, controllerRef, isControlledBy, keyOf, parsed } from "./kube-objects";

type ReplicaSet = ObjectOfKind<"ReplicaSet">;
type Pod = ObjectOfKind<"Pod">;

export interface ReplicaSetControllerOptions {
  /** Demo seconds from Pod creation to Ready. */
  podReadySeconds: number;
}

export class ReplicaSetController {
  private podCount = 0;

  constructor(
    private readonly store: DemoStore,
    private readonly clock: SimClock,
    private readonly names: NameSuffixes,
    private readonly options: ReplicaSetControllerOptions,
  ) {}

  tick(): void {
    const sets = this.store.list("ReplicaSet").map((raw) => parsed("ReplicaSet", raw));
    const live = new Set<string>();
    for (const rs of sets) {
      if (!rs) continue;
      if (rs.metadata.uid) live.add(rs.metadata.uid);
      this.reconcile(rs);
    }
    // Garbage collection: pods whose owning ReplicaSet is gone.
    for (const raw of this.store.list("Pod")) {
      const owner = raw.metadata.ownerReferences?.find((r) => r.controller && r.kind === "ReplicaSet");
      if (owner && !live.has(owner.uid ?? "")) this.store.delete(keyOf(raw));
    }
  }

  private reconcile(rs: ReplicaSet): void {
    const namespace = rs.metadata.namespace ?? "default";
    let pods = this.store
      .list("Pod", namespace)
      .map((raw) => parsed("Pod", raw))
      .filter((p): p is Pod => p !== undefined && isControlledBy(p, rs.metadata.uid));
    const desired = rs.spec?.replicas ?? 1;
    while (pods.length < desired) pods.push(this.createPod(rs));
    if (pods.length > desired) {
      // Like the real controller: not-ready pods go first, then the newest.
      const order = [...pods].sort(
        (a, b) =>
          Number(isReady(a)) - Number(isReady(b)) ||
          (parseTimestamp(b.metadata.creationTimestamp) ?? 0) -
            (parseTimestamp(a.metadata.creationTimestamp) ?? 0),
      );
      const doomed = new Set(order.slice(0, pods.length - desired).map((p) => p.metadata.name));
      for (const name of doomed) this.store.delete({ kind: "Pod", namespace, name });
      pods = pods.filter((p) => !doomed.has(p.metadata.name));
    }
    for (const pod of pods) this.progressPod(pod);
    this.writeStatus(rs, pods);
  }

  private createPod(rs: ReplicaSet): Pod {
    const template = rs.spec?.template ?? {};
    const name = `${rs.metadata.name}-${this.names.next()}`;
    const containers = template.spec?.containers ?? [];
    const raw: RawObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name,
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace ?? "default",
        labels: { ...(template.metadata?.labels ?? {}) },
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ownerReferences: [controllerRef({ kind: "ReplicaSet", metadata: rs.metadata })],
      },
      spec: { ...clone(template.spec ?? {}), nodeName: "demo-node" },
      status: {
        phase: "Pending",
        conditions: [{ type: "PodScheduled", status: "True", lastTransitionTime: this.clock.timestamp() }],
        containerStatuses: containers.map((c) => ({
          name: c.name,
          image: c.image ?? "",
          ready: false,
          started: false,
          restartCount: 0,
          state: { waiting: { reason: "ContainerCreating" } },
        })),
      },
    };
    const created = this.store.create(raw);
    return parsed("Pod", created) as Pod;
  }

  private progressPod(pod: Pod): void {
    if (isReady(pod)) return;
    const created = parseTimestamp(pod.metadata.creationTimestamp) ?? this.clock.nowMs();
    if (this.clock.nowMs() < created + this.options.podReadySeconds * 1000) return;
    const now = this.clock.timestamp();
    this.podCount += 1;
    const status = {
      phase: "Running",
      hostIP: "10.0.0.10",
      podIP: `10.244.${Math.floor(this.podCount / 250) % 250}.${(this.podCount % 250) + 2}`,
      startTime: pod.metadata.creationTimestamp ?? now,
      conditions: ["Initialized", "Ready", "ContainersReady", "PodScheduled"].map((type) => ({
        type,
        status: "True",
        lastTransitionTime: now,
      })),
      containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? "",
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: now } },
      })),
    };
    this.store.updateStatus(keyOf({ kind: "Pod", metadata: pod.metadata }), status);
    pod.status = status;
  }

  private writeStatus(rs: ReplicaSet, pods: Pod[]): void {
    const ready = pods.filter(isReady).length;
    const status = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    const current = rs.status ?? {};
    const same = (Object.keys(status) as Array<keyof typeof status>).every((k) => current[k] === status[k]);
    if (same) return;
    this.store.updateStatus(keyOf(asRaw({ ...rs, kind: "ReplicaSet" })), { ...current, ...status });
  }
}

export function isReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}
