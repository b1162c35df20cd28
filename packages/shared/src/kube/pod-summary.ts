// A pod's STATUS, READY and RESTARTS as `kubectl argo rollouts get rollout` (and the Argo dashboard)
// print them: a step-by-step port of newPodInfo in the plugin's info/pod_info.go (v1.10.1). It is
// close to `kubectl get pods` but not the same: sidecars are neither in READY nor in RESTARTS, a
// sidecar that is started but not ready ends the look at init containers, there is no `NotReady`,
// and a deleted pod reads Terminating even when it has already finished.
import type { PodSummary } from "../delivery/revision";
import type { Pod } from "../schemas/kube/pod";

/** The plugin's columns for one pod; READY prints as `${readyContainers}/${containers}`. */
export interface PodColumns {
  status: string;
  readyContainers: number;
  containers: number;
  restarts: number;
}

type ContainerStatus = NonNullable<NonNullable<Pod["status"]>["containerStatuses"]>[number];

/** Reason the node controller gives a pod on a node that stopped answering (k8s pkg/util/node). */
const nodeUnreachablePodReason = "NodeLost";

export function podColumns(pod: Pod): PodColumns {
  const status = pod.status;
  const initSpecs = pod.spec?.initContainers ?? [];
  const restartable = new Set(initSpecs.filter((c) => c.restartPolicy === "Always").map((c) => c.name));
  const containers = (pod.spec?.containers ?? []).length;
  let readyContainers = 0;
  let restarts = 0;
  let reason = status?.reason || status?.phase || "";

  // The first init container that is not done decides; restarts add up to and including it.
  let initializing = false;
  for (const [i, c] of (status?.initContainerStatuses ?? []).entries()) {
    restarts += c.restartCount ?? 0;
    const terminated = c.state?.terminated;
    const waitingReason = c.state?.waiting?.reason;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (terminated) {
      reason = `Init:${terminated.reason || exitDescription(terminated)}`;
      initializing = true;
    } else if (restartable.has(c.name) && c.started === true) {
      // A started sidecar: a ready one is done; one not ready stops the loop without initializing.
      if (c.ready) continue;
    } else if (waitingReason && waitingReason !== "PodInitializing") {
      reason = `Init:${waitingReason}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
      initializing = true;
    }
    break;
  }

  if (!initializing) {
    // Once initialised only app containers count, so sidecar and init restarts drop out.
    restarts = 0;
    let hasRunning = false;
    const statuses = status?.containerStatuses ?? [];
    // Walked from the last: the first container (in status order) with a reason has the last word.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] as ContainerStatus;
      restarts += c.restartCount ?? 0;
      const terminated = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) reason = exitDescription(terminated);
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === "Completed" && hasRunning) reason = "Running";
  }

  if (pod.metadata.deletionTimestamp != null) {
    reason = status?.reason === nodeUnreachablePodReason ? "Unknown" : "Terminating";
  }
  return { status: reason, readyContainers, containers, restarts };
}

/** `Signal:N` when a signal ended the container, else `ExitCode:N`. */
function exitDescription(terminated: { exitCode?: number | null; signal?: number | null }): string {
  return terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
}

export function podStatus(pod: Pod): string {
  return podColumns(pod).status;
}

/** Kubernetes' own verdict (the Ready condition), which the plugin does not print but a person looks for. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

export function summarisePod(pod: Pod): PodSummary {
  const columns = podColumns(pod);
  return {
    name: pod.metadata.name,
    phase: pod.status?.phase ?? "Unknown",
    ready: isPodReady(pod),
    status: columns.status,
    readyContainers: columns.readyContainers,
    containers: columns.containers,
    restarts: columns.restarts,
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
