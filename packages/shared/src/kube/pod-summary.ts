// A pod's one-word status the way `kubectl get pods` (and the Argo plugin) prints it.
import type { PodSummary } from "../delivery/revision";
import type { Pod } from "../schemas/kube/pod";

export function podStatus(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return "Terminating";
  const status = pod.status;
  let reason = status?.reason || status?.phase || "Unknown";
  for (const [i, c] of (status?.initContainerStatuses ?? []).entries()) {
    const term = c.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (term) return term.reason ? `Init:${term.reason}` : `Init:ExitCode:${term.exitCode ?? "?"}`;
    const waiting = c.state?.waiting?.reason;
    if (waiting && waiting !== "PodInitializing") return `Init:${waiting}`;
    return `Init:${i}/${status?.initContainerStatuses?.length ?? 0}`;
  }
  let running = false;
  for (const c of status?.containerStatuses ?? []) {
    const waiting = c.state?.waiting?.reason;
    const term = c.state?.terminated;
    if (waiting) reason = waiting;
    else if (term?.reason) reason = term.reason;
    else if (c.state?.running && c.ready) running = true;
  }
  if (reason === "Completed" && running) reason = "Running";
  return reason;
}

export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

export function summarisePod(pod: Pod): PodSummary {
  return {
    name: pod.metadata.name,
    phase: pod.status?.phase ?? "Unknown",
    ready: isPodReady(pod),
    status: podStatus(pod),
    restarts: (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
    ...(pod.metadata.creationTimestamp ? { createdAt: pod.metadata.creationTimestamp } : {}),
  };
}

/** Pods controlled by the object with this uid (or, lacking uids, this name and kind). */
export function ownedBy<
  T extends { metadata: { ownerReferences?: Array<{ kind: string; name: string; uid?: string }> | null } },
>(objects: T[], owner: { kind: string; name: string; uid?: string | undefined }): T[] {
  return objects.filter((o) =>
    (o.metadata.ownerReferences ?? []).some((ref) =>
      owner.uid && ref.uid ? ref.uid === owner.uid : ref.kind === owner.kind && ref.name === owner.name,
    ),
  );
}
