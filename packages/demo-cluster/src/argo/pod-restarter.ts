// `spec.restartAt` (rollout/restart.go): once every ReplicaSet is fully available, delete one Pod
// created before restartAt per reconcile (stable first, then new, then older); the ReplicaSet
// controller replaces it. When none is left, status.restartedAt records the restart as done.
import { parseTimestamp } from "./clock";
import { isControlledBy, keyOf, parsed } from "./kube-objects";
import type { ReplicaSet, RolloutContext } from "./rollout-context";

export function restartPods(ctx: RolloutContext): void {
  const restartAtText = ctx.rollout.spec.restartAt;
  const restartAt = parseTimestamp(restartAtText);
  if (!restartAtText || restartAt === undefined) return;
  const restartedAt = parseTimestamp(ctx.prev.restartedAt);
  if (restartedAt !== undefined && restartedAt >= restartAt) return;
  if (ctx.env.clock.nowMs() < restartAt) return;
  if (ctx.allRSs.some((rs) => (rs.status?.availableReplicas ?? 0) !== (rs.spec?.replicas ?? 0))) return;
  const priority = (rs: ReplicaSet) => (rs === ctx.stableRS ? 0 : rs === ctx.newRS ? 1 : 2);
  const ordered = [...ctx.allRSs].sort(
    (a, b) =>
      priority(a) - priority(b) ||
      (parseTimestamp(a.metadata.creationTimestamp) ?? 0) -
        (parseTimestamp(b.metadata.creationTimestamp) ?? 0),
  );
  const { store } = ctx.env;
  for (const rs of ordered) {
    const pods = store
      .list("Pod", rs.metadata.namespace ?? "default")
      .filter((raw) => isControlledBy(raw as never, rs.metadata.uid));
    const old = pods.find((raw) => {
      const pod = parsed("Pod", raw);
      return pod !== undefined && (parseTimestamp(pod.metadata.creationTimestamp) ?? 0) < restartAt;
    });
    if (old) {
      store.delete(keyOf(old));
      return;
    }
  }
  ctx.newStatus.restartedAt = restartAtText;
}
