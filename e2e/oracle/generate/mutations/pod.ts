// Mutations of the pods of a Rollout's ReplicaSets: container and init-container states as the kubelet
// writes them, deletion, phases.
import type { KubeObject } from "../kube-object";
import { list, type Mutation, type MutationContext, pickOwned, remove, status } from "./context";

const waitingReasons = [
  "ContainerCreating",
  "ImagePullBackOff",
  "ErrImagePull",
  "CrashLoopBackOff",
  "CreateContainerConfigError",
  "PodInitializing",
];

function containerState(c: MutationContext): { state: object; ready: boolean } {
  switch (c.random.int(0, 3)) {
    case 0:
      return {
        state: { waiting: { reason: c.random.pick(waitingReasons), message: "back-off" } },
        ready: false,
      };
    case 1: {
      const terminated: Record<string, unknown> = { exitCode: c.random.pick([0, 1, 2, 137, 143]) };
      if (c.random.chance(0.5)) terminated.reason = c.random.pick(["Completed", "Error", "OOMKilled"]);
      if (c.random.chance(0.3)) terminated.signal = c.random.pick([9, 15]);
      terminated.startedAt = c.random.time();
      terminated.finishedAt = c.random.time();
      return { state: { terminated }, ready: false };
    }
    case 2:
      return { state: {}, ready: false };
    default:
      return { state: { running: { startedAt: c.random.time() } }, ready: c.random.chance(0.7) };
  }
}

function containerStatus(c: MutationContext, name: string, image: string): Record<string, unknown> {
  const { state, ready } = containerState(c);
  return {
    name,
    image,
    imageID: "",
    ready,
    restartCount: c.random.pick([0, 0, 1, 3, 12]),
    started: ready || c.random.chance(0.3),
    state,
  };
}

function podImage(pod: KubeObject): string {
  return (pod.spec?.containers?.[0]?.image as string | undefined) ?? "app:v1";
}

function setReady(pod: KubeObject, ready: boolean, time: string): void {
  const s = status(pod);
  const conditions = list<{ type: string }>(s.conditions).filter((x) => x.type !== "Ready");
  s.conditions = [
    ...conditions,
    { type: "Ready", status: ready ? "True" : "False", lastTransitionTime: time },
  ];
}

export const podMutations: Mutation[] = [
  {
    name: "pod-container",
    apply(c) {
      const pod = pickOwned(c, "Pod", "ReplicaSet");
      if (!pod) return undefined;
      const statuses = (status(pod).containerStatuses as Array<{ name: string }> | undefined) ?? [];
      const name = statuses[0]?.name ?? pod.spec?.containers?.[0]?.name ?? "app";
      const next = containerStatus(c, name, podImage(pod));
      status(pod).containerStatuses = [next, ...statuses.slice(1)];
      setReady(pod, next.ready as boolean, c.random.time());
      return `${pod.metadata.name} container ${JSON.stringify(next.state)}`;
    },
  },
  {
    name: "pod-two-containers",
    apply(c) {
      const pod = pickOwned(c, "Pod", "ReplicaSet");
      if (!pod?.spec?.containers) return undefined;
      pod.spec.containers = [...pod.spec.containers.slice(0, 1), { name: "sidecar", image: "envoy:1.30" }];
      const first = containerStatus(c, pod.spec.containers[0].name, podImage(pod));
      const second = containerStatus(c, "sidecar", "envoy:1.30");
      // The kubelet sorts by name; a hand-written status need not be.
      status(pod).containerStatuses = c.random.chance(0.5) ? [first, second] : [second, first];
      setReady(pod, Boolean(first.ready && second.ready), c.random.time());
      return `${pod.metadata.name} two containers`;
    },
  },
  {
    name: "pod-init",
    apply(c) {
      const pod = pickOwned(c, "Pod", "ReplicaSet");
      if (!pod?.spec) return undefined;
      const sidecar = c.random.chance(0.4);
      const count = c.random.int(1, 2);
      pod.spec.initContainers = Array.from({ length: count }, (_, i) => ({
        name: `init-${i}`,
        image: "busybox:1.36",
        ...(sidecar && i === count - 1 ? { restartPolicy: "Always" } : {}),
      }));
      status(pod).initContainerStatuses = pod.spec.initContainers.map((ic: { name: string }) =>
        containerStatus(c, ic.name, "busybox:1.36"),
      );
      if (c.random.chance(0.5)) status(pod).phase = "Pending";
      return `${pod.metadata.name} ${count} init containers${sidecar ? " (last restartable)" : ""}`;
    },
  },
  {
    name: "pod-deleting",
    apply(c) {
      const pod = pickOwned(c, "Pod", "ReplicaSet");
      if (!pod) return undefined;
      pod.metadata.deletionTimestamp = c.random.time();
      pod.metadata.deletionGracePeriodSeconds = 30;
      if (c.random.chance(0.5)) status(pod).reason = "NodeLost";
      return `${pod.metadata.name} deleting, reason ${status(pod).reason}`;
    },
  },
  {
    name: "pod-phase",
    apply(c) {
      const pod = pickOwned(c, "Pod", "ReplicaSet");
      if (!pod) return undefined;
      const s = status(pod);
      s.phase = c.random.pick(["Pending", "Running", "Succeeded", "Failed", "Unknown"]);
      if (c.random.chance(0.4)) s.reason = c.random.pick(["Evicted", "NodeLost", "UnexpectedAdmissionError"]);
      else delete s.reason;
      return `${pod.metadata.name} phase ${s.phase} reason ${s.reason}`;
    },
  },
  {
    name: "pod-no-status",
    apply(c) {
      const pod = pickOwned(c, "Pod", "ReplicaSet");
      if (!pod?.status) return undefined;
      pod.status = { phase: "Pending" };
      return `${pod.metadata.name} not scheduled yet`;
    },
  },
  {
    name: "pod-remove",
    apply(c) {
      const pod = pickOwned(c, "Pod", "ReplicaSet");
      if (!pod) return undefined;
      remove(c, [pod]);
      return `${pod.metadata.name} removed`;
    },
  },
];
