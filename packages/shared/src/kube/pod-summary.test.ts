// A pod's STATUS, READY and RESTARTS must read as `kubectl argo rollouts get rollout` prints them
// (newPodInfo in the plugin's info/pod_info.go, v1.10.1). Each case is a pod as the API server returns
// it, named after the rule of newPodInfo it checks; every expected value was also printed by the
// plugin's own code for the same pod, owned by a ReplicaSet of a Rollout.
import { describe, expect, it } from "vitest";
import type { Pod } from "../schemas/kube/pod";
import { parseObject } from "../schemas/parse";
import { loadFixtureFolder, sharedFixturesDir } from "../testing/fixtures";
import { podColumns, summarisePod } from "./pod-summary";

const createdAt = "2025-06-02T08:14:03Z";
const startedAt = "2025-06-02T08:14:09Z";
const finishedAt = "2025-06-02T08:15:40Z";
const appImage = "registry.example/checkout:1.4.2";
const proxyImage = "docker.io/istio/proxyv2:1.24.2";
const toolsImage = "registry.example/checkout-tools:1.4.2";

type Json = Record<string, unknown>;

function containerSpec(name: string, image: string): Json {
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
function sidecarSpec(name: string, image: string): Json {
  return { ...containerSpec(name, image), restartPolicy: "Always" };
}

function containerId(name: string): string {
  return `containerd://${Buffer.from(name).toString("hex").padEnd(64, "0").slice(0, 64)}`;
}

function imageId(image: string): string {
  return `${image.split(":")[0]}@sha256:${"4f9c1d2e".repeat(8)}`;
}

interface StatusOptions {
  image?: string;
  restartCount?: number;
  /** Only written by the kubelet for a container that has been created. */
  started?: boolean;
  lastState?: Json;
}

function running(name: string, ready: boolean, o: StatusOptions = {}): Json {
  const image = o.image ?? appImage;
  return {
    containerID: containerId(name),
    image,
    imageID: imageId(image),
    lastState: o.lastState ?? {},
    name,
    ready,
    restartCount: o.restartCount ?? 0,
    started: o.started ?? true,
    state: { running: { startedAt } },
  };
}

function waiting(name: string, reason: string, message: string | undefined, o: StatusOptions = {}): Json {
  const image = o.image ?? appImage;
  const created = o.restartCount !== undefined && o.restartCount > 0;
  return {
    ...(created ? { containerID: containerId(name), imageID: imageId(image) } : { imageID: "" }),
    image,
    lastState: o.lastState ?? {},
    name,
    ready: false,
    restartCount: o.restartCount ?? 0,
    started: false,
    state: { waiting: { reason, ...(message ? { message } : {}) } },
  };
}

function terminated(
  name: string,
  end: { exitCode: number; reason?: string; signal?: number; message?: string },
  o: StatusOptions = {},
): Json {
  const image = o.image ?? appImage;
  return {
    containerID: containerId(name),
    image,
    imageID: imageId(image),
    lastState: o.lastState ?? {},
    name,
    ready: false,
    restartCount: o.restartCount ?? 0,
    started: false,
    state: { terminated: { containerID: containerId(name), ...end, startedAt, finishedAt } },
  };
}

const crashedBefore = (exitCode: number) => ({
  terminated: { containerID: containerId("previous"), exitCode, reason: "Error", startedAt, finishedAt },
});

function conditions(ready: boolean, initialized = true): Json[] {
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

interface PodShape {
  containers?: Json[];
  initContainers?: Json[];
  deletionTimestamp?: string;
  status: Json;
}

/** A pod of the checkout-7c9d8f6b5 ReplicaSet, with the metadata and spec the API server fills in. */
function pod(suffix: string, shape: PodShape): Pod {
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

const app = containerSpec("checkout", appImage);
const waitForDb = containerSpec("wait-for-db", toolsImage);
const migrate = containerSpec("migrate", toolsImage);
const istioProxy = sidecarSpec("istio-proxy", proxyImage);
const podIP = { podIP: "10.244.2.17", podIPs: [{ ip: "10.244.2.17" }], startTime: createdAt };
const initialising = { phase: "Pending", conditions: conditions(false, false), ...podIP };
const podInitializing = waiting("checkout", "PodInitializing", undefined);

interface Case {
  rule: string;
  pod: Pod;
  status: string;
  ready: string;
  restarts: number;
}

const cases: Case[] = [
  {
    rule: "the phase when no container says more: a pod the scheduler has not placed",
    pod: pod("pndng", {
      status: {
        phase: "Pending",
        conditions: [
          {
            lastProbeTime: null,
            lastTransitionTime: createdAt,
            message: "0/3 nodes are available: 3 Insufficient cpu.",
            reason: "Unschedulable",
            status: "False",
            type: "PodScheduled",
          },
        ],
      },
    }),
    status: "Pending",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "the phase: a placed pod whose kubelet has not reported container statuses yet, init containers or not",
    pod: pod("nosts", {
      initContainers: [waitForDb],
      status: { phase: "Pending", conditions: conditions(false) },
    }),
    status: "Pending",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "a waiting container's reason: ContainerCreating",
    pod: pod("crtng", {
      status: {
        phase: "Pending",
        conditions: conditions(false),
        startTime: createdAt,
        containerStatuses: [waiting("checkout", "ContainerCreating", undefined)],
      },
    }),
    status: "ContainerCreating",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "a waiting container's reason: ImagePullBackOff",
    pod: pod("imgpb", {
      status: {
        phase: "Pending",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [waiting("checkout", "ImagePullBackOff", `Back-off pulling image "${appImage}"`)],
      },
    }),
    status: "ImagePullBackOff",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "a waiting container's reason, with its restarts: CrashLoopBackOff",
    pod: pod("crash", {
      status: {
        phase: "Running",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [
          waiting("checkout", "CrashLoopBackOff", "back-off 2m40s restarting failed container=checkout", {
            restartCount: 6,
            lastState: crashedBefore(1),
          }),
        ],
      },
    }),
    status: "CrashLoopBackOff",
    ready: "0/1",
    restarts: 6,
  },
  {
    rule: "a running, ready container counts towards READY",
    pod: pod("rnrdy", {
      status: {
        phase: "Running",
        conditions: conditions(true),
        ...podIP,
        containerStatuses: [running("checkout", true)],
      },
    }),
    status: "Running",
    ready: "1/1",
    restarts: 0,
  },
  {
    rule: "a running container that is not ready keeps the phase and does not count towards READY",
    pod: pod("rnnrd", {
      status: {
        phase: "Running",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [running("checkout", false, { restartCount: 2, lastState: crashedBefore(137) })],
      },
    }),
    status: "Running",
    ready: "0/1",
    restarts: 2,
  },
  {
    rule: "statuses are walked from the last, so the first in status order (by name) wins, not the first in spec",
    pod: pod("order", {
      containers: [app, containerSpec("log-shipper", "docker.io/fluent/fluent-bit:3.2")],
      status: {
        phase: "Running",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [
          terminated(
            "checkout",
            { exitCode: 1, reason: "Error" },
            { restartCount: 1, lastState: crashedBefore(1) },
          ),
          waiting("log-shipper", "CrashLoopBackOff", "back-off 40s restarting failed container=log-shipper", {
            image: "docker.io/fluent/fluent-bit:3.2",
            restartCount: 3,
            lastState: crashedBefore(2),
          }),
        ],
      },
    }),
    status: "Error",
    ready: "0/2",
    restarts: 4,
  },
  {
    rule: "READY counts every running, ready container even when another one gives the status",
    pod: pod("mixed", {
      containers: [app, containerSpec("log-shipper", "docker.io/fluent/fluent-bit:3.2")],
      status: {
        phase: "Running",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [
          running("checkout", true),
          waiting("log-shipper", "CrashLoopBackOff", "back-off 40s restarting failed container=log-shipper", {
            image: "docker.io/fluent/fluent-bit:3.2",
            restartCount: 3,
            lastState: crashedBefore(2),
          }),
        ],
      },
    }),
    status: "CrashLoopBackOff",
    ready: "1/2",
    restarts: 3,
  },
  {
    rule: "a terminated container without a reason: ExitCode:N",
    pod: pod("exitc", {
      status: {
        phase: "Running",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [terminated("checkout", { exitCode: 137 }, { restartCount: 1 })],
      },
    }),
    status: "ExitCode:137",
    ready: "0/1",
    restarts: 1,
  },
  {
    rule: "a terminated container without a reason but with a signal: Signal:N",
    pod: pod("signl", {
      status: {
        phase: "Running",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [terminated("checkout", { exitCode: 143, signal: 15 })],
      },
    }),
    status: "Signal:15",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "a terminated container's reason wins over its signal",
    pod: pod("oomkd", {
      status: {
        phase: "Running",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [
          terminated("checkout", { exitCode: 137, reason: "OOMKilled", signal: 9 }, { restartCount: 4 }),
        ],
      },
    }),
    status: "OOMKilled",
    ready: "0/1",
    restarts: 4,
  },
  {
    rule: "Completed turns back into Running while another container runs and is ready",
    pod: pod("cmprn", {
      containers: [app, containerSpec("warm-cache", toolsImage)],
      status: {
        phase: "Running",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [
          running("checkout", true),
          terminated("warm-cache", { exitCode: 0, reason: "Completed" }, { image: toolsImage }),
        ],
      },
    }),
    status: "Running",
    ready: "1/2",
    restarts: 0,
  },
  {
    rule: "Completed stays while the other running container is not ready (no NotReady as in kubectl)",
    pod: pod("cmpnr", {
      containers: [app, containerSpec("warm-cache", toolsImage)],
      status: {
        phase: "Running",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [
          running("checkout", false),
          terminated("warm-cache", { exitCode: 0, reason: "Completed" }, { image: toolsImage }),
        ],
      },
    }),
    status: "Completed",
    ready: "0/2",
    restarts: 0,
  },
  {
    rule: "pod.status.reason replaces the phase: a pod the kubelet refused to admit",
    pod: pod("outcp", {
      status: {
        phase: "Failed",
        reason: "OutOfcpu",
        message:
          "Pod was rejected: Node didn't have enough resource: cpu, requested: 4000, used: 3850, capacity: 4000",
        startTime: createdAt,
      },
    }),
    status: "OutOfcpu",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "a container's reason replaces pod.status.reason: an evicted pod",
    pod: pod("evict", {
      status: {
        phase: "Failed",
        reason: "Evicted",
        message: "The node was low on resource: memory. Threshold quantity: 100Mi, available: 91236Ki.",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [
          terminated("checkout", {
            exitCode: 137,
            reason: "ContainerStatusUnknown",
            message: "The container could not be located when the pod was terminated",
          }),
        ],
      },
    }),
    status: "ContainerStatusUnknown",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "Init:N/M: the first init container still running, out of spec.initContainers",
    pod: pod("init0", {
      initContainers: [waitForDb, migrate],
      status: {
        ...initialising,
        initContainerStatuses: [
          running("wait-for-db", false, { image: toolsImage, started: true }),
          waiting("migrate", "PodInitializing", undefined, { image: toolsImage }),
        ],
        containerStatuses: [podInitializing],
      },
    }),
    status: "Init:0/2",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "Init:N/M after an init container that succeeded; its restarts count while initialising",
    pod: pod("init1", {
      initContainers: [waitForDb, migrate],
      status: {
        ...initialising,
        initContainerStatuses: [
          terminated(
            "wait-for-db",
            { exitCode: 0, reason: "Completed" },
            { image: toolsImage, restartCount: 1 },
          ),
          running("migrate", false, { image: toolsImage }),
        ],
        containerStatuses: [podInitializing],
      },
    }),
    status: "Init:1/2",
    ready: "0/1",
    restarts: 1,
  },
  {
    rule: "Init:<waiting reason>, restarts of the init containers up to it",
    pod: pod("initc", {
      initContainers: [waitForDb, migrate],
      status: {
        ...initialising,
        initContainerStatuses: [
          terminated("wait-for-db", { exitCode: 0, reason: "Completed" }, { image: toolsImage }),
          waiting("migrate", "CrashLoopBackOff", "back-off 1m20s restarting failed container=migrate", {
            image: toolsImage,
            restartCount: 4,
            lastState: crashedBefore(1),
          }),
        ],
        containerStatuses: [podInitializing],
      },
    }),
    status: "Init:CrashLoopBackOff",
    ready: "0/1",
    restarts: 4,
  },
  {
    rule: "Init:<terminated reason> for a failed init container",
    pod: pod("initr", {
      initContainers: [migrate],
      status: {
        ...initialising,
        initContainerStatuses: [
          terminated("migrate", { exitCode: 1, reason: "Error" }, { image: toolsImage, restartCount: 2 }),
        ],
        containerStatuses: [podInitializing],
      },
    }),
    status: "Init:Error",
    ready: "0/1",
    restarts: 2,
  },
  {
    rule: "Init:ExitCode:N for a failed init container without a reason",
    pod: pod("inite", {
      initContainers: [migrate],
      status: {
        ...initialising,
        initContainerStatuses: [terminated("migrate", { exitCode: 3 }, { image: toolsImage })],
        containerStatuses: [podInitializing],
      },
    }),
    status: "Init:ExitCode:3",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "Init:Signal:N for an init container a signal ended",
    pod: pod("inits", {
      initContainers: [migrate],
      status: {
        ...initialising,
        initContainerStatuses: [
          terminated("migrate", { exitCode: 137, signal: 9 }, { image: toolsImage, restartCount: 1 }),
        ],
        containerStatuses: [podInitializing],
      },
    }),
    status: "Init:Signal:9",
    ready: "0/1",
    restarts: 1,
  },
  {
    rule: "once initialised only app containers' restarts count, not the init containers'",
    pod: pod("initd", {
      initContainers: [waitForDb],
      status: {
        phase: "Running",
        conditions: conditions(true),
        ...podIP,
        initContainerStatuses: [
          terminated(
            "wait-for-db",
            { exitCode: 0, reason: "Completed" },
            { image: toolsImage, restartCount: 3 },
          ),
        ],
        containerStatuses: [running("checkout", true, { restartCount: 1, lastState: crashedBefore(1) })],
      },
    }),
    status: "Running",
    ready: "1/1",
    restarts: 1,
  },
  {
    rule: "a started, ready sidecar is done: not in READY, its restarts not counted",
    pod: pod("sdcrd", {
      initContainers: [istioProxy],
      status: {
        phase: "Running",
        conditions: conditions(true),
        ...podIP,
        initContainerStatuses: [
          running("istio-proxy", true, { image: proxyImage, restartCount: 2, lastState: crashedBefore(255) }),
        ],
        containerStatuses: [running("checkout", true)],
      },
    }),
    status: "Running",
    ready: "1/1",
    restarts: 0,
  },
  {
    rule: "a started sidecar that is not ready ends the init walk without initialising: later init containers are not shown",
    pod: pod("sdcnr", {
      initContainers: [istioProxy, migrate],
      status: {
        ...initialising,
        initContainerStatuses: [
          running("istio-proxy", false, { image: proxyImage, restartCount: 1 }),
          running("migrate", false, { image: toolsImage }),
        ],
        containerStatuses: [podInitializing],
      },
    }),
    status: "PodInitializing",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "a sidecar whose startup probe has not passed is an init container still running: Init:N/M",
    pod: pod("sdcns", {
      initContainers: [istioProxy, migrate],
      status: {
        ...initialising,
        initContainerStatuses: [
          running("istio-proxy", false, { image: proxyImage, started: false }),
          waiting("migrate", "PodInitializing", undefined, { image: toolsImage }),
        ],
        containerStatuses: [podInitializing],
      },
    }),
    status: "Init:0/2",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "a crashing sidecar is shown as Init:<reason>, its restarts counted while initialising",
    pod: pod("sdccr", {
      initContainers: [istioProxy],
      status: {
        ...initialising,
        initContainerStatuses: [
          waiting(
            "istio-proxy",
            "CrashLoopBackOff",
            "back-off 5m0s restarting failed container=istio-proxy",
            {
              image: proxyImage,
              restartCount: 9,
              lastState: crashedBefore(255),
            },
          ),
        ],
        containerStatuses: [podInitializing],
      },
    }),
    status: "Init:CrashLoopBackOff",
    ready: "0/1",
    restarts: 9,
  },
  {
    rule: "after a ready sidecar and a finished init container, the app container decides",
    pod: pod("sdcap", {
      initContainers: [istioProxy, migrate],
      status: {
        phase: "Running",
        conditions: conditions(false),
        ...podIP,
        initContainerStatuses: [
          running("istio-proxy", true, { image: proxyImage, restartCount: 1 }),
          terminated("migrate", { exitCode: 0, reason: "Completed" }, { image: toolsImage }),
        ],
        containerStatuses: [
          waiting("checkout", "CrashLoopBackOff", "back-off 5m0s restarting failed container=checkout", {
            restartCount: 7,
            lastState: crashedBefore(1),
          }),
        ],
      },
    }),
    status: "CrashLoopBackOff",
    ready: "0/1",
    restarts: 7,
  },
  {
    rule: "a deletion timestamp shows Terminating; READY and RESTARTS still come from the containers",
    pod: pod("termn", {
      deletionTimestamp: "2025-06-02T09:01:12Z",
      status: {
        phase: "Running",
        conditions: conditions(true),
        ...podIP,
        containerStatuses: [running("checkout", true, { restartCount: 2, lastState: crashedBefore(1) })],
      },
    }),
    status: "Terminating",
    ready: "1/1",
    restarts: 2,
  },
  {
    rule: "a deletion timestamp on a pod whose node was lost (status.reason NodeLost) shows Unknown",
    pod: pod("ndlst", {
      deletionTimestamp: "2025-06-02T09:01:12Z",
      status: {
        phase: "Running",
        reason: "NodeLost",
        message: "Node worker-2 which was running pod checkout-7c9d8f6b5-ndlst is unresponsive",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [running("checkout", true)],
      },
    }),
    status: "Unknown",
    ready: "1/1",
    restarts: 0,
  },
  {
    rule: "a deletion timestamp shows Terminating even on a pod that has already failed (kubectl keeps its status)",
    pod: pod("evdel", {
      deletionTimestamp: "2025-06-02T09:01:12Z",
      status: {
        phase: "Failed",
        reason: "Evicted",
        message: "The node was low on resource: memory. Threshold quantity: 100Mi, available: 91236Ki.",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [terminated("checkout", { exitCode: 137, reason: "ContainerStatusUnknown" })],
      },
    }),
    status: "Terminating",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "NodeLost without a deletion timestamp is pod.status.reason, shown as it is",
    pod: pod("ndlsn", {
      status: {
        phase: "Running",
        reason: "NodeLost",
        message: "Node worker-2 which was running pod checkout-7c9d8f6b5-ndlsn is unresponsive",
        conditions: conditions(false),
        ...podIP,
        containerStatuses: [running("checkout", true)],
      },
    }),
    status: "NodeLost",
    ready: "1/1",
    restarts: 0,
  },
  {
    rule: "a status without phase or reason is shown empty, as the plugin prints it",
    pod: pod("nophs", { status: {} }),
    status: "",
    ready: "0/1",
    restarts: 0,
  },
];

describe("pod STATUS, READY and RESTARTS as the Argo Rollouts plugin computes them", () => {
  it.each(cases)("$rule", (c) => {
    const columns = podColumns(c.pod);
    expect({
      status: columns.status,
      ready: `${columns.readyContainers}/${columns.containers}`,
      restarts: columns.restarts,
    }).toEqual({ status: c.status, ready: c.ready, restarts: c.restarts });
  });

  it("summarisePod carries the columns, the Ready condition and the creation time", () => {
    const [crashing, ready] = [cases[4], cases[5]].map((c) => summarisePod((c as Case).pod));
    expect(crashing).toEqual({
      name: "checkout-7c9d8f6b5-crash",
      phase: "Running",
      ready: false,
      status: "CrashLoopBackOff",
      readyContainers: 0,
      containers: 1,
      restarts: 6,
      createdAt,
    });
    expect(ready).toMatchObject({ ready: true, status: "Running", readyContainers: 1, containers: 1 });
  });
});

describe.skipIf(!sharedFixturesDir)("captured pods read as the plugin printed them", () => {
  // Printed by the plugin's code for each captured cluster; every other pod a ReplicaSet owns there
  // is Running, 1/1, no restarts.
  const printed: Record<string, { status: string; ready: string; restarts: number }> = {
    "canary/canary-demo-65fb5ffc84-9wf5r": { status: "ImagePullBackOff", ready: "0/1", restarts: 0 },
    // Owned by an analysis Job, so not in the tree; printed after giving it a ReplicaSet owner.
    "experiment-step/4e2d824d-01af-11ea-b38c-42010aa80083.stress.1-lsrws": {
      status: "Error",
      ready: "0/1",
      restarts: 0,
    },
  };
  const clusters = ["blue-green", "canary", "experiment-analysis", "experiment-step", "rollout-aborted"];

  it.each(clusters)("%s", (cluster) => {
    const pods = loadFixtureFolder(`argo-rollouts/clusters/${cluster}`).filter((o) => o.kind === "Pod");
    expect(pods.length).toBeGreaterThan(0);
    for (const raw of pods) {
      const parsed = parseObject("Pod", raw);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const columns = podColumns(parsed.value);
      const name = `${cluster}/${parsed.value.metadata.name}`;
      expect({
        name,
        status: columns.status,
        ready: `${columns.readyContainers}/${columns.containers}`,
        restarts: columns.restarts,
      }).toEqual({ name, ...(printed[name] ?? { status: "Running", ready: "1/1", restarts: 0 }) });
    }
  });
});
