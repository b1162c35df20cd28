// A pod's STATUS, READY and RESTARTS must read as `kubectl argo rollouts get rollout` prints them
// (newPodInfo in the plugin's info/pod_info.go, v1.10.1). Each case is a pod as the API server returns
// it, named after the rule of newPodInfo it checks; every expected value was also printed by the
// plugin's own code for the same pod, owned by a ReplicaSet of a Rollout. Here: pods whose phase,
// status.reason or deletion decides, and the pods of the captured clusters.
import { describe, expect, it } from "vitest";
import { parseObject } from "../schemas/parse";
import { loadFixtureFolder, sharedFixturesDir } from "../testing/fixtures";
import {
  type Case,
  conditions,
  crashedBefore,
  createdAt,
  itReadsEachAsPrinted,
  type Json,
  pod,
  podIP,
  printedColumns,
  running,
  runningStatus,
  terminated,
  waitForDb,
} from "./pod-summary.fixture";

/** A pod the kubelet evicted: failed, for the reason it gives in status. */
const evicted = (containerStatuses: Json[]) => ({
  phase: "Failed",
  reason: "Evicted",
  message: "The node was low on resource: memory. Threshold quantity: 100Mi, available: 91236Ki.",
  conditions: conditions(false),
  ...podIP,
  containerStatuses,
});

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
      status: evicted([
        terminated("checkout", {
          exitCode: 137,
          reason: "ContainerStatusUnknown",
          message: "The container could not be located when the pod was terminated",
        }),
      ]),
    }),
    status: "ContainerStatusUnknown",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "a deletion timestamp shows Terminating; READY and RESTARTS still come from the containers",
    pod: pod("termn", {
      deletionTimestamp: "2025-06-02T09:01:12Z",
      status: runningStatus(true, [
        running("checkout", true, { restartCount: 2, lastState: crashedBefore(1) }),
      ]),
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
        ...runningStatus(false, [running("checkout", true)]),
        reason: "NodeLost",
        message: "Node worker-2 which was running pod checkout-7c9d8f6b5-ndlst is unresponsive",
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
      status: evicted([terminated("checkout", { exitCode: 137, reason: "ContainerStatusUnknown" })]),
    }),
    status: "Terminating",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "NodeLost without a deletion timestamp is pod.status.reason, shown as it is",
    pod: pod("ndlsn", {
      status: {
        ...runningStatus(false, [running("checkout", true)]),
        reason: "NodeLost",
        message: "Node worker-2 which was running pod checkout-7c9d8f6b5-ndlsn is unresponsive",
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

describe("the phase, the pod's reason and deletion: STATUS, READY and RESTARTS as the Argo Rollouts plugin computes them", () => {
  itReadsEachAsPrinted(cases);
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
      const name = `${cluster}/${parsed.value.metadata.name}`;
      expect({ name, ...printedColumns(parsed.value) }).toEqual({
        name,
        ...(printed[name] ?? { status: "Running", ready: "1/1", restarts: 0 }),
      });
    }
  });
});
