// A pod's STATUS, READY and RESTARTS must read as `kubectl argo rollouts get rollout` prints them
// (newPodInfo in the plugin's info/pod_info.go, v1.10.1). Each case is a pod as the API server returns
// it, named after the rule of newPodInfo it checks; every expected value was also printed by the
// plugin's own code for the same pod, owned by a ReplicaSet of a Rollout. Here: pods whose init
// containers and sidecars decide.
import { describe } from "vitest";
import {
  type Case,
  crashedBefore,
  initialisingStatus,
  istioProxy,
  itReadsEachAsPrinted,
  migrate,
  pod,
  proxyImage,
  running,
  runningStatus,
  terminated,
  toolsImage,
  waitForDb,
  waiting,
} from "./pod-summary.fixture";

const cases: Case[] = [
  {
    rule: "Init:N/M: the first init container still running, out of spec.initContainers",
    pod: pod("init0", {
      initContainers: [waitForDb, migrate],
      status: initialisingStatus([
        running("wait-for-db", false, { image: toolsImage, started: true }),
        waiting("migrate", "PodInitializing", undefined, { image: toolsImage }),
      ]),
    }),
    status: "Init:0/2",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "Init:N/M after an init container that succeeded; its restarts count while initialising",
    pod: pod("init1", {
      initContainers: [waitForDb, migrate],
      status: initialisingStatus([
        terminated(
          "wait-for-db",
          { exitCode: 0, reason: "Completed" },
          { image: toolsImage, restartCount: 1 },
        ),
        running("migrate", false, { image: toolsImage }),
      ]),
    }),
    status: "Init:1/2",
    ready: "0/1",
    restarts: 1,
  },
  {
    rule: "Init:<waiting reason>, restarts of the init containers up to it",
    pod: pod("initc", {
      initContainers: [waitForDb, migrate],
      status: initialisingStatus([
        terminated("wait-for-db", { exitCode: 0, reason: "Completed" }, { image: toolsImage }),
        waiting("migrate", "CrashLoopBackOff", "back-off 1m20s restarting failed container=migrate", {
          image: toolsImage,
          restartCount: 4,
          lastState: crashedBefore(1),
        }),
      ]),
    }),
    status: "Init:CrashLoopBackOff",
    ready: "0/1",
    restarts: 4,
  },
  {
    rule: "Init:<terminated reason> for a failed init container",
    pod: pod("initr", {
      initContainers: [migrate],
      status: initialisingStatus([
        terminated("migrate", { exitCode: 1, reason: "Error" }, { image: toolsImage, restartCount: 2 }),
      ]),
    }),
    status: "Init:Error",
    ready: "0/1",
    restarts: 2,
  },
  {
    rule: "Init:ExitCode:N for a failed init container without a reason",
    pod: pod("inite", {
      initContainers: [migrate],
      status: initialisingStatus([terminated("migrate", { exitCode: 3 }, { image: toolsImage })]),
    }),
    status: "Init:ExitCode:3",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "Init:Signal:N for an init container a signal ended",
    pod: pod("inits", {
      initContainers: [migrate],
      status: initialisingStatus([
        terminated("migrate", { exitCode: 137, signal: 9 }, { image: toolsImage, restartCount: 1 }),
      ]),
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
        ...runningStatus(true, [running("checkout", true, { restartCount: 1, lastState: crashedBefore(1) })]),
        initContainerStatuses: [
          terminated(
            "wait-for-db",
            { exitCode: 0, reason: "Completed" },
            { image: toolsImage, restartCount: 3 },
          ),
        ],
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
        ...runningStatus(true, [running("checkout", true)]),
        initContainerStatuses: [
          running("istio-proxy", true, { image: proxyImage, restartCount: 2, lastState: crashedBefore(255) }),
        ],
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
      status: initialisingStatus([
        running("istio-proxy", false, { image: proxyImage, restartCount: 1 }),
        running("migrate", false, { image: toolsImage }),
      ]),
    }),
    status: "PodInitializing",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "a sidecar whose startup probe has not passed is an init container still running: Init:N/M",
    pod: pod("sdcns", {
      initContainers: [istioProxy, migrate],
      status: initialisingStatus([
        running("istio-proxy", false, { image: proxyImage, started: false }),
        waiting("migrate", "PodInitializing", undefined, { image: toolsImage }),
      ]),
    }),
    status: "Init:0/2",
    ready: "0/1",
    restarts: 0,
  },
  {
    rule: "a crashing sidecar is shown as Init:<reason>, its restarts counted while initialising",
    pod: pod("sdccr", {
      initContainers: [istioProxy],
      status: initialisingStatus([
        waiting("istio-proxy", "CrashLoopBackOff", "back-off 5m0s restarting failed container=istio-proxy", {
          image: proxyImage,
          restartCount: 9,
          lastState: crashedBefore(255),
        }),
      ]),
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
        ...runningStatus(false, [
          waiting("checkout", "CrashLoopBackOff", "back-off 5m0s restarting failed container=checkout", {
            restartCount: 7,
            lastState: crashedBefore(1),
          }),
        ]),
        initContainerStatuses: [
          running("istio-proxy", true, { image: proxyImage, restartCount: 1 }),
          terminated("migrate", { exitCode: 0, reason: "Completed" }, { image: toolsImage }),
        ],
      },
    }),
    status: "CrashLoopBackOff",
    ready: "0/1",
    restarts: 7,
  },
];

describe("init containers and sidecars: STATUS, READY and RESTARTS as the Argo Rollouts plugin computes them", () => {
  itReadsEachAsPrinted(cases);
});
