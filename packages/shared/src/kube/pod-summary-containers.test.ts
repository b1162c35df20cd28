// A pod's STATUS, READY and RESTARTS must read as `kubectl argo rollouts get rollout` prints them
// (newPodInfo in the plugin's info/pod_info.go, v1.10.1). Each case is a pod as the API server returns
// it, named after the rule of newPodInfo it checks; every expected value was also printed by the
// plugin's own code for the same pod, owned by a ReplicaSet of a Rollout. Here: pods whose app
// containers' statuses decide.
import { describe, expect, it } from "vitest";
import { summarisePod } from "./pod-summary";
import {
  app,
  appImage,
  type Case,
  conditions,
  containerSpec,
  crashedBefore,
  createdAt,
  itReadsEachAsPrinted,
  pod,
  podIP,
  running,
  runningStatus,
  terminated,
  toolsImage,
  waiting,
} from "./pod-summary.fixture";

const cases: Case[] = [
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
      status: runningStatus(false, [
        waiting("checkout", "CrashLoopBackOff", "back-off 2m40s restarting failed container=checkout", {
          restartCount: 6,
          lastState: crashedBefore(1),
        }),
      ]),
    }),
    status: "CrashLoopBackOff",
    ready: "0/1",
    restarts: 6,
  },
  {
    rule: "a running, ready container counts towards READY",
    pod: pod("rnrdy", {
      status: runningStatus(true, [running("checkout", true)]),
    }),
    status: "Running",
    ready: "1/1",
    restarts: 0,
  },
  {
    rule: "a running container that is not ready keeps the phase and does not count towards READY",
    pod: pod("rnnrd", {
      status: runningStatus(false, [
        running("checkout", false, { restartCount: 2, lastState: crashedBefore(137) }),
      ]),
    }),
    status: "Running",
    ready: "0/1",
    restarts: 2,
  },
  {
    rule: "statuses are walked from the last, so the first in status order (by name) wins, not the first in spec",
    pod: pod("order", {
      containers: [app, containerSpec("log-shipper", "docker.io/fluent/fluent-bit:3.2")],
      status: runningStatus(false, [
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
      ]),
    }),
    status: "Error",
    ready: "0/2",
    restarts: 4,
  },
  {
    rule: "READY counts every running, ready container even when another one gives the status",
    pod: pod("mixed", {
      containers: [app, containerSpec("log-shipper", "docker.io/fluent/fluent-bit:3.2")],
      status: runningStatus(false, [
        running("checkout", true),
        waiting("log-shipper", "CrashLoopBackOff", "back-off 40s restarting failed container=log-shipper", {
          image: "docker.io/fluent/fluent-bit:3.2",
          restartCount: 3,
          lastState: crashedBefore(2),
        }),
      ]),
    }),
    status: "CrashLoopBackOff",
    ready: "1/2",
    restarts: 3,
  },
  {
    rule: "a terminated container without a reason: ExitCode:N",
    pod: pod("exitc", {
      status: runningStatus(false, [terminated("checkout", { exitCode: 137 }, { restartCount: 1 })]),
    }),
    status: "ExitCode:137",
    ready: "0/1",
    restarts: 1,
  },
  {
    rule: "a terminated container without a reason but with a signal: Signal:N",
    pod: pod("signl", {
      status: runningStatus(false, [terminated("checkout", { exitCode: 143, signal: 15 })]),
    }),
    status: "Signal:15",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "a terminated container's reason wins over its signal",
    pod: pod("oomkd", {
      status: runningStatus(false, [
        terminated("checkout", { exitCode: 137, reason: "OOMKilled", signal: 9 }, { restartCount: 4 }),
      ]),
    }),
    status: "OOMKilled",
    ready: "0/1",
    restarts: 4,
  },
  {
    rule: "Completed turns back into Running while another container runs and is ready",
    pod: pod("cmprn", {
      containers: [app, containerSpec("warm-cache", toolsImage)],
      status: runningStatus(false, [
        running("checkout", true),
        terminated("warm-cache", { exitCode: 0, reason: "Completed" }, { image: toolsImage }),
      ]),
    }),
    status: "Running",
    ready: "1/2",
    restarts: 0,
  },
  {
    rule: "Completed stays while the other running container is not ready (no NotReady as in kubectl)",
    pod: pod("cmpnr", {
      containers: [app, containerSpec("warm-cache", toolsImage)],
      status: runningStatus(false, [
        running("checkout", false),
        terminated("warm-cache", { exitCode: 0, reason: "Completed" }, { image: toolsImage }),
      ]),
    }),
    status: "Completed",
    ready: "0/2",
    restarts: 0,
  },
];

describe("app containers: STATUS, READY and RESTARTS as the Argo Rollouts plugin computes them", () => {
  itReadsEachAsPrinted(cases);

  it("summarisePod carries the columns, the Ready condition and the creation time", () => {
    const [crashing, ready] = [cases[2], cases[3]].map((c) => summarisePod((c as Case).pod));
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
