// Pods as the API server returns them, for the tests of a pod's STATUS, READY and RESTARTS columns
// (pod-summary-*.test.ts): containers and their statuses as the kubelet writes them, and the pod of
// the checkout-7c9d8f6b5 ReplicaSet that carries them.
import { expect, it } from "vitest";
import type { Pod } from "../schemas/kube/pod";
import { parseObject } from "../schemas/parse";
import { podColumns } from "./pod-summary";

export const createdAt = "2025-06-02T08:14:03Z";
export const startedAt = "2025-06-02T08:14:09Z";
export const finishedAt = "2025-06-02T08:15:40Z";
export const appImage = "registry.example/checkout:1.4.2";
export const proxyImage = "docker.io/istio/proxyv2:1.24.2";
export const toolsImage = "registry.example/checkout-tools:1.4.2";

export type Json = Record<string, unknown>;

export function containerSpec(name: string, image: string): Json {
  return {
    name,
    image,
    imagePullPolicy: "IfNotPresent",
    resources: { requests: { cpu: "50m", memory: "64Mi" } },
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
  };
}

/** An init container with `restartPolicy: Always`: a sidecar that starts before the app and keeps running. */
export function sidecarSpec(name: string, image: string): Json {
  return { ...containerSpec(name, image), restartPolicy: "Always" };
}

export function containerId(name: string): string {
  return `containerd://${Buffer.from(name).toString("hex").padEnd(64, "0").slice(0, 64)}`;
}

export function imageId(image: string): string {
  return `${image.split(":")[0]}@sha256:${"4f9c1d2e".repeat(8)}`;
}

export interface StatusOptions {
  image?: string;
  restartCount?: number;
  /** Only written by the kubelet for a container that has been created. */
  started?: boolean;
  lastState?: Json;
}

/** A container status as the kubelet writes it; only a container that was created has IDs. */
function containerStatus(
  name: string,
  o: StatusOptions,
  created: boolean,
  now: { ready: boolean; started: boolean; state: Json },
): Json {
  const image = o.image ?? appImage;
  return {
    ...(created ? { containerID: containerId(name), imageID: imageId(image) } : { imageID: "" }),
    image,
    lastState: o.lastState ?? {},
    name,
    ready: now.ready,
    restartCount: o.restartCount ?? 0,
    started: now.started,
    state: now.state,
  };
}

export function running(name: string, ready: boolean, o: StatusOptions = {}): Json {
  return containerStatus(name, o, true, {
    ready,
    started: o.started ?? true,
    state: { running: { startedAt } },
  });
}

export function waiting(
  name: string,
  reason: string,
  message: string | undefined,
  o: StatusOptions = {},
): Json {
  const created = o.restartCount !== undefined && o.restartCount > 0;
  return containerStatus(name, o, created, {
    ready: false,
    started: false,
    state: { waiting: { reason, ...(message ? { message } : {}) } },
  });
}

export function terminated(
  name: string,
  end: { exitCode: number; reason?: string; signal?: number; message?: string },
  o: StatusOptions = {},
): Json {
  return containerStatus(name, o, true, {
    ready: false,
    started: false,
    state: { terminated: { containerID: containerId(name), ...end, startedAt, finishedAt } },
  });
}

export const crashedBefore = (exitCode: number) => ({
  terminated: { containerID: containerId("previous"), exitCode, reason: "Error", startedAt, finishedAt },
});

export function conditions(ready: boolean, initialized = true): Json[] {
  const at = { lastProbeTime: null, lastTransitionTime: startedAt };
  const notReady = { reason: "ContainersNotReady", message: "containers with unready status: [checkout]" };
  return [
    { ...at, status: "True", type: "PodReadyToStartContainers" },
    { ...at, status: initialized ? "True" : "False", type: "Initialized" },
    { ...at, status: ready ? "True" : "False", type: "Ready", ...(ready ? {} : notReady) },
    { ...at, status: ready ? "True" : "False", type: "ContainersReady", ...(ready ? {} : notReady) },
    { ...at, status: "True", type: "PodScheduled" },
  ];
}

export interface PodShape {
  containers?: Json[];
  initContainers?: Json[];
  deletionTimestamp?: string;
  status: Json;
}

/** A pod of the checkout-7c9d8f6b5 ReplicaSet, with the metadata and spec the API server fills in. */
export function pod(suffix: string, shape: PodShape): Pod {
  const raw = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      creationTimestamp: createdAt,
      ...(shape.deletionTimestamp
        ? { deletionGracePeriodSeconds: 30, deletionTimestamp: shape.deletionTimestamp }
        : {}),
      generateName: "checkout-7c9d8f6b5-",
      labels: { app: "checkout", "rollouts-pod-template-hash": "7c9d8f6b5" },
      name: `checkout-7c9d8f6b5-${suffix}`,
      namespace: "shop",
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          blockOwnerDeletion: true,
          controller: true,
          kind: "ReplicaSet",
          name: "checkout-7c9d8f6b5",
          uid: "8d7c2f0e-5b1a-4c3e-9f6d-2a1b0c9d8e7f",
        },
      ],
      resourceVersion: "48213",
      uid: `0b6f3c1a-7e2d-4a59-8c4b-${suffix.padEnd(12, "0")}`,
    },
    spec: {
      containers: shape.containers ?? [containerSpec("checkout", appImage)],
      ...(shape.initContainers ? { initContainers: shape.initContainers } : {}),
      dnsPolicy: "ClusterFirst",
      enableServiceLinks: true,
      nodeName: "worker-2",
      preemptionPolicy: "PreemptLowerPriority",
      priority: 0,
      restartPolicy: "Always",
      schedulerName: "default-scheduler",
      securityContext: {},
      serviceAccountName: "default",
      terminationGracePeriodSeconds: 30,
    },
    status: { hostIP: "10.0.4.12", qosClass: "Burstable", ...shape.status },
  };
  const parsed = parseObject("Pod", raw);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

export const app = containerSpec("checkout", appImage);
export const waitForDb = containerSpec("wait-for-db", toolsImage);
export const migrate = containerSpec("migrate", toolsImage);
export const istioProxy = sidecarSpec("istio-proxy", proxyImage);
export const podIP = { podIP: "10.244.2.17", podIPs: [{ ip: "10.244.2.17" }], startTime: createdAt };
export const initialising = { phase: "Pending", conditions: conditions(false, false), ...podIP };
export const podInitializing = waiting("checkout", "PodInitializing", undefined);

/** A pod running on its node with these app container statuses; `ready` is its Ready condition. */
export const runningStatus = (ready: boolean, containerStatuses: Json[]) => ({
  phase: "Running",
  conditions: conditions(ready),
  ...podIP,
  containerStatuses,
});

/** A pod still initialising: these init container statuses, the app container waiting for them. */
export const initialisingStatus = (initContainerStatuses: Json[]) => ({
  ...initialising,
  initContainerStatuses,
  containerStatuses: [podInitializing],
});

export interface Case {
  rule: string;
  pod: Pod;
  status: string;
  ready: string;
  restarts: number;
}

/** One test per case: the pod's columns read as the plugin printed them. */
export function itReadsEachAsPrinted(cases: Case[]): void {
  it.each(cases)("$rule", (c) => {
    expect(printedColumns(c.pod)).toEqual({ status: c.status, ready: c.ready, restarts: c.restarts });
  });
}

/** The three columns as the plugin prints them. */
export function printedColumns(pod: Pod): Pick<Case, "status" | "ready" | "restarts"> {
  const columns = podColumns(pod);
  return {
    status: columns.status,
    ready: `${columns.readyContainers}/${columns.containers}`,
    restarts: columns.restarts,
  };
}
