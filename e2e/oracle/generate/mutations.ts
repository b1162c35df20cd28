// Named mutations of one namespace's objects: each moves the Rollout, its ReplicaSets, Pods,
// AnalysisRuns or Experiments into another state a real controller, kubelet or person can leave
// behind, and keeps every field the type its CRD (or Kubernetes) declares. A mutation answers a short
// description of what it did, or undefined when it does not apply to these objects.
import { undecodableQuantities } from "@rollscope/shared/kube/quantity";
import { clone, type KubeObject } from "./kube-object";
import type { Random } from "./random";

export interface MutationContext {
  objects: KubeObject[];
  random: Random;
}

export interface Mutation {
  name: string;
  apply(context: MutationContext): string | undefined;
}

const hashLabel = "rollouts-pod-template-hash";
const revisionAnnotation = "rollout.argoproj.io/revision";

// ------------------------------------------------------------------------------------ helpers

function rolloutOf(c: MutationContext): KubeObject | undefined {
  const rollouts = c.objects.filter((o) => o.kind === "Rollout");
  return rollouts.length ? c.random.pick(rollouts) : undefined;
}

function ownedBy(c: MutationContext, kind: string, owner: KubeObject): KubeObject[] {
  return c.objects.filter(
    (o) =>
      o.kind === kind &&
      (o.metadata.ownerReferences ?? []).some((r) =>
        owner.metadata.uid && r.uid
          ? r.uid === owner.metadata.uid
          : r.kind === owner.kind && r.name === owner.metadata.name,
      ),
  );
}

function pickOwned(c: MutationContext, kind: string, ownerKind: string): KubeObject | undefined {
  const ro = rolloutOf(c);
  if (!ro) return undefined;
  let owned = ownedBy(c, kind, ro);
  if (ownerKind === "ReplicaSet") owned = ownedBy(c, "ReplicaSet", ro).flatMap((rs) => ownedBy(c, kind, rs));
  return owned.length ? c.random.pick(owned) : undefined;
}

/** A list field as a list (a hand-edited object may hold `{}` where a list belongs). */
function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function status(o: KubeObject): Record<string, unknown> {
  o.status ??= {};
  return o.status;
}

function hashes(c: MutationContext, ro: KubeObject): string[] {
  return ownedBy(c, "ReplicaSet", ro)
    .map((rs) => rs.metadata.labels?.[hashLabel])
    .filter((h): h is string => typeof h === "string");
}

function canary(ro: KubeObject): Record<string, unknown> | undefined {
  return ro.spec?.strategy?.canary;
}

function remove(c: MutationContext, objects: KubeObject[]): void {
  c.objects = c.objects.filter((o) => !objects.includes(o));
}

function ownerRef(owner: KubeObject) {
  return {
    apiVersion: owner.apiVersion ?? "argoproj.io/v1alpha1",
    kind: owner.kind,
    name: owner.metadata.name,
    ...(owner.metadata.uid ? { uid: owner.metadata.uid } : {}),
    controller: true,
    blockOwnerDeletion: true,
  };
}

function uid(r: Random): string {
  const h = () => r.int(0, 0xffff).toString(16).padStart(4, "0");
  return `${h()}${h()}-${h()}-4${h().slice(1)}-a${h().slice(1)}-${h()}${h()}${h()}`;
}

const conditionReasons: Record<string, string[]> = {
  Progressing: [
    "NewReplicaSetAvailable",
    "ReplicaSetUpdated",
    "ProgressDeadlineExceeded",
    "RolloutAborted",
    "RolloutPaused",
    "RolloutResumed",
    "NewReplicaSetCreated",
    "RolloutRetry",
  ],
  Available: ["AvailableReason", "MinimumReplicasAvailable", "MinimumReplicasUnavailable"],
  Paused: ["RolloutPaused", "RolloutResumed"],
  Healthy: ["RolloutHealthy", "RolloutNotHealthy"],
  Completed: ["RolloutCompleted", "RolloutNotCompleted"],
  InvalidSpec: ["InvalidSpec"],
  ReplicaFailure: ["ReplicaFailure", "FailedCreate"],
};

// ---------------------------------------------------------------------------------- mutations

const rollout: Mutation[] = [
  {
    name: "step",
    apply(c) {
      const ro = rolloutOf(c);
      const steps = ro && canary(ro)?.steps;
      if (!ro || !Array.isArray(steps)) return undefined;
      const index = c.random.int(0, steps.length + (c.random.chance(0.15) ? 2 : 0));
      status(ro).currentStepIndex = index;
      return `currentStepIndex ${index} of ${steps.length}`;
    },
  },
  {
    name: "no-step-index",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro?.status || ro.status.currentStepIndex === undefined) return undefined;
      delete ro.status.currentStepIndex;
      return "currentStepIndex removed";
    },
  },
  {
    name: "user-pause",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      ro.spec ??= {};
      ro.spec.paused = c.random.chance(0.7);
      return `spec.paused ${ro.spec.paused}`;
    },
  },
  {
    name: "pause-condition",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      const reason = c.random.pick([
        "CanaryPauseStep",
        "BlueGreenPause",
        "InconclusiveAnalysisRun",
        "PausedByUser",
      ]);
      const s = status(ro);
      s.pauseConditions = [...list(s.pauseConditions), { reason, startTime: c.random.time() }];
      if (c.random.chance(0.7)) s.controllerPause = true;
      return `pause condition ${reason}, controllerPause ${String(s.controllerPause)}`;
    },
  },
  {
    name: "clear-pause",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      if (ro.status) {
        delete ro.status.pauseConditions;
        ro.status.controllerPause = c.random.chance(0.2);
      }
      if (ro.spec) delete ro.spec.paused;
      return `pauses cleared, controllerPause ${String(ro.status?.controllerPause)}`;
    },
  },
  {
    name: "abort",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      const s = status(ro);
      s.abort = true;
      if (c.random.chance(0.7)) s.abortedAt = c.random.time();
      if (c.random.chance(0.6)) {
        const conditions = list<{ type: string }>(s.conditions).filter((x) => x.type !== "Progressing");
        const t = c.random.time();
        s.conditions = [
          ...conditions,
          {
            type: "Progressing",
            status: "False",
            reason: "RolloutAborted",
            message: "Rollout aborted update to revision 3",
            lastTransitionTime: t,
            lastUpdateTime: t,
          },
        ];
      }
      return "aborted";
    },
  },
  {
    name: "unabort",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro?.status?.abort) return undefined;
      delete ro.status.abort;
      delete ro.status.abortedAt;
      return "abort cleared";
    },
  },
  {
    name: "observed-generation",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      const generation = c.random.int(1, 40);
      ro.metadata.generation = generation;
      const written = c.random.pick([
        String(generation),
        String(generation),
        String(generation - 1),
        String(generation + 1),
        c.random.hash(),
        "",
        `00${generation}`,
        `${generation}abc`,
        undefined,
      ]);
      if (written === undefined) delete status(ro).observedGeneration;
      else status(ro).observedGeneration = written;
      return `generation ${generation}, observedGeneration ${JSON.stringify(written)}`;
    },
  },
  {
    name: "condition",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      const type = c.random.pick(Object.keys(conditionReasons));
      const reason = c.random.pick(conditionReasons[type] ?? ["Unknown"]);
      const value = c.random.pick(["True", "False", "Unknown"]);
      const s = status(ro);
      const t = c.random.time();
      const message = c.random.pick([
        `${type} is ${value}`,
        'ReplicaSet "app-6b8f9c7d5" has timed out progressing.',
        'The Rollout "app" is invalid: spec.strategy.canary.steps[1].pause.duration: Invalid value',
        "",
      ]);
      s.conditions = [
        ...list<{ type: string }>(s.conditions).filter((x) => x.type !== type),
        { type, status: value, reason, message, lastTransitionTime: t, lastUpdateTime: t },
      ];
      return `condition ${type}=${value} ${reason}`;
    },
  },
  {
    name: "no-conditions",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro?.status?.conditions) return undefined;
      if (c.random.chance(0.5)) delete ro.status.conditions;
      else ro.status.conditions = [];
      return "conditions removed";
    },
  },
  {
    name: "replica-counters",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      ro.spec ??= {};
      const desired = c.random.pick([0, 1, 2, 3, 5, undefined]);
      if (desired === undefined) delete ro.spec.replicas;
      else ro.spec.replicas = desired;
      const max = (desired ?? 1) + 2;
      const s = status(ro);
      for (const key of ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"]) {
        if (c.random.chance(0.15)) delete s[key];
        else s[key] = c.random.int(0, max);
      }
      if (c.random.chance(0.3)) s.HPAReplicas = c.random.int(0, max);
      return `replicas ${desired} / ${s.replicas} ${s.updatedReplicas} ${s.readyReplicas} ${s.availableReplicas}`;
    },
  },
  {
    name: "pod-hashes",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      const known = hashes(c, ro);
      const s = status(ro);
      const pickHash = () => c.random.pick([...known, ...known, c.random.hash(), undefined]);
      const stable = pickHash();
      const current = c.random.chance(0.4) ? stable : pickHash();
      if (stable === undefined) delete s.stableRS;
      else s.stableRS = stable;
      if (current === undefined) delete s.currentPodHash;
      else s.currentPodHash = current;
      return `stableRS ${stable}, currentPodHash ${current}`;
    },
  },
  {
    name: "promoted",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro?.status?.currentPodHash) return undefined;
      ro.status.stableRS = ro.status.currentPodHash;
      const steps = canary(ro)?.steps;
      if (Array.isArray(steps)) ro.status.currentStepIndex = steps.length;
      return "stable is the current pod hash";
    },
  },
  {
    name: "strategy-both",
    apply(c) {
      const ro = rolloutOf(c);
      const strategy = ro?.spec?.strategy;
      if (!strategy) return undefined;
      if (strategy.canary && !strategy.blueGreen)
        strategy.blueGreen = { activeService: `${ro.metadata.name}-active` };
      else if (strategy.blueGreen && !strategy.canary)
        strategy.canary = { steps: [{ setWeight: 20 }, { pause: {} }] };
      else return undefined;
      return "both canary and blueGreen";
    },
  },
  {
    name: "strategy-none",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro?.spec) return undefined;
      if (c.random.chance(0.5)) ro.spec.strategy = {};
      else delete ro.spec.strategy;
      return "no strategy";
    },
  },
  {
    name: "canary-weights",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro || !canary(ro)) return undefined;
      const weight = c.random.pick([0, 5, 20, 50, 100, c.random.int(0, 100)]);
      const s = status(ro);
      const canaryHash = (s.currentPodHash as string | undefined) ?? c.random.hash();
      const stableHash = (s.stableRS as string | undefined) ?? c.random.hash();
      s.canary = {
        ...((s.canary as object) ?? {}),
        weights: {
          canary: { weight, podTemplateHash: canaryHash, serviceName: `${ro.metadata.name}-canary` },
          stable: {
            weight: 100 - weight,
            podTemplateHash: stableHash,
            serviceName: `${ro.metadata.name}-stable`,
          },
          ...(c.random.chance(0.5) ? { verified: c.random.chance(0.5) } : {}),
        },
      };
      return `status.canary.weights canary ${weight}`;
    },
  },
  {
    name: "traffic-routing",
    apply(c) {
      const ro = rolloutOf(c);
      const spec = ro && canary(ro);
      if (!ro || !spec) return undefined;
      if (spec.trafficRouting && c.random.chance(0.5)) {
        delete spec.trafficRouting;
        return "traffic routing removed";
      }
      spec.canaryService ??= `${ro.metadata.name}-canary`;
      spec.stableService ??= `${ro.metadata.name}-stable`;
      spec.trafficRouting = c.random.pick([
        { istio: { virtualService: { name: `${ro.metadata.name}-vsvc`, routes: ["primary"] } } },
        { nginx: { stableIngress: `${ro.metadata.name}-ingress` } },
        { smi: {} },
      ]);
      return `traffic routing ${Object.keys(spec.trafficRouting as object)[0]}`;
    },
  },
  {
    name: "restart",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      const instant = c.random.time();
      const fractional = instant.replace("Z", ".000Z");
      const offset = `${instant.slice(0, -1)}+00:00`;
      const variant = c.random.int(0, 4);
      ro.spec ??= {};
      if (variant !== 1) ro.spec.restartAt = instant;
      if (variant === 1 || variant === 2) status(ro).restartedAt = instant;
      if (variant === 3) status(ro).restartedAt = c.random.pick([fractional, offset]);
      if (variant === 4) status(ro).restartedAt = c.random.time();
      return `restart variant ${variant}`;
    },
  },
  {
    name: "steps",
    apply(c) {
      const ro = rolloutOf(c);
      const spec = ro && canary(ro);
      if (!ro || !spec) return undefined;
      const n = c.random.int(0, 6);
      const steps = Array.from({ length: n }, () =>
        c.random.pick<object>([
          { setWeight: c.random.int(0, 100) },
          { setWeight: c.random.int(0, 100) },
          { pause: {} },
          { pause: { duration: c.random.pick(["10s", "1m", 30, "1h"]) } },
          { analysis: { templates: [{ templateName: "success-rate" }] } },
          { setCanaryScale: { weight: c.random.int(0, 100) } },
          {
            experiment: {
              templates: [{ name: "canary", specRef: "canary" }],
              ...(c.random.chance(0.5) ? { duration: "5m" } : {}),
            },
          },
        ]),
      );
      if (n === 0 && c.random.chance(0.5)) delete spec.steps;
      else spec.steps = steps;
      const s = status(ro);
      if (typeof s.currentStepIndex === "number" && c.random.chance(0.5))
        s.currentStepIndex = c.random.int(0, n);
      return `${n} steps`;
    },
  },
  {
    name: "promote-full",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      status(ro).promoteFull = true;
      return "promoteFull";
    },
  },
  {
    name: "blue-green",
    apply(c) {
      const ro = rolloutOf(c);
      const bg = ro?.spec?.strategy?.blueGreen;
      if (!ro || !bg) return undefined;
      const known = hashes(c, ro);
      const s = status(ro);
      const active = c.random.pick([...known, undefined]);
      const preview = c.random.pick([...known, undefined]);
      s.blueGreen = {
        ...(active ? { activeSelector: active } : {}),
        ...(preview ? { previewSelector: preview } : {}),
        ...(c.random.chance(0.3) ? { scaleUpPreviewCheckPoint: c.random.chance(0.5) } : {}),
      };
      if (c.random.chance(0.4)) bg.autoPromotionEnabled = c.random.chance(0.5);
      if (c.random.chance(0.3)) bg.previewService = `${ro.metadata.name}-preview`;
      return `active ${active}, preview ${preview}`;
    },
  },
  {
    name: "phase-message",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      const s = status(ro);
      s.phase = c.random.pick(["Healthy", "Progressing", "Paused", "Degraded", ""]);
      s.message = c.random.pick([
        "",
        "CanaryPauseStep",
        "RolloutAborted: Rollout aborted update to revision 2",
      ]);
      return `status.phase ${s.phase}`;
    },
  },
  {
    name: "no-status",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro?.status) return undefined;
      delete ro.status;
      return "status removed";
    },
  },
  {
    name: "ping-pong",
    apply(c) {
      const ro = rolloutOf(c);
      const spec = ro && canary(ro);
      if (!ro || !spec) return undefined;
      spec.pingPong = { pingService: `${ro.metadata.name}-ping`, pongService: `${ro.metadata.name}-pong` };
      spec.trafficRouting ??= { alb: { ingress: `${ro.metadata.name}-ingress`, servicePort: 80 } };
      delete spec.canaryService;
      delete spec.stableService;
      const s = status(ro);
      const which = c.random.pick(["ping", "pong", undefined]);
      if (which) s.canary = { ...((s.canary as object) ?? {}), stablePingPong: which };
      return `ping-pong, stable ${which}`;
    },
  },
  {
    name: "workload-ref",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro?.spec?.template || c.objects.some((o) => o.kind === "Deployment")) return undefined;
      // An API server refuses a Deployment whose template holds a quantity Go cannot parse.
      if (undecodableQuantities(ro.spec.template, "spec.template").length > 0) return undefined;
      const name = `${ro.metadata.name}-deploy`;
      ro.spec.workloadRef = { apiVersion: "apps/v1", kind: "Deployment", name };
      const template = ro.spec.template;
      delete ro.spec.template;
      if (c.random.chance(0.8)) {
        c.objects.push({
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name, namespace: ro.metadata.namespace, uid: uid(c.random), generation: 1 },
          spec: { replicas: 0, selector: ro.spec.selector ?? { matchLabels: {} }, template },
          status: {},
        });
        return "workloadRef to a Deployment";
      }
      return "workloadRef to a missing Deployment";
    },
  },
];

const replicaSets: Mutation[] = [
  {
    name: "rs-counters",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs) return undefined;
      rs.spec ??= {};
      rs.spec.replicas = c.random.int(0, 4);
      const s = status(rs);
      s.replicas = c.random.int(0, 4);
      s.readyReplicas = c.random.int(0, s.replicas as number);
      s.availableReplicas = c.random.int(0, s.readyReplicas as number);
      if (c.random.chance(0.2)) delete s.availableReplicas;
      return `${rs.metadata.name} ${rs.spec.replicas}/${s.replicas}/${s.readyReplicas}/${s.availableReplicas}`;
    },
  },
  {
    name: "rs-no-hash-label",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs?.metadata.labels?.[hashLabel]) return undefined;
      delete rs.metadata.labels[hashLabel];
      return `${rs.metadata.name} without ${hashLabel}`;
    },
  },
  {
    name: "rs-revision",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs) return undefined;
      const value = c.random.pick(["abc", "0", "007", "99", "-3", " 4", "4 ", "12345678901", undefined]);
      rs.metadata.annotations ??= {};
      if (value === undefined) delete rs.metadata.annotations[revisionAnnotation];
      else rs.metadata.annotations[revisionAnnotation] = value;
      return `${rs.metadata.name} revision ${JSON.stringify(value)}`;
    },
  },
  {
    name: "rs-scale-down-deadline",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs) return undefined;
      rs.metadata.annotations ??= {};
      rs.metadata.annotations["scale-down-deadline"] = c.random.chance(0.8) ? c.random.time() : "soon";
      return `${rs.metadata.name} scale-down-deadline`;
    },
  },
  {
    name: "rs-remove",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs) return undefined;
      remove(c, [rs, ...ownedBy(c, "Pod", rs)]);
      return `${rs.metadata.name} and its pods removed`;
    },
  },
  {
    name: "rs-orphan",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs) return undefined;
      delete rs.metadata.ownerReferences;
      return `${rs.metadata.name} has no owner`;
    },
  },
  {
    name: "rs-new-revision",
    apply(c) {
      const ro = rolloutOf(c);
      const owned = ro ? ownedBy(c, "ReplicaSet", ro) : [];
      if (!ro || owned.length === 0) return undefined;
      const from = c.random.pick(owned);
      const hash = c.random.hash();
      const rs = clone(from);
      const revisions = owned.map((r) => Number(r.metadata.annotations?.[revisionAnnotation]) || 0);
      rs.metadata.name = `${ro.metadata.name}-${hash}`;
      rs.metadata.uid = uid(c.random);
      rs.metadata.labels = { ...(rs.metadata.labels ?? {}), [hashLabel]: hash };
      rs.metadata.annotations = {
        ...(rs.metadata.annotations ?? {}),
        [revisionAnnotation]: String(Math.max(...revisions) + 1),
      };
      delete rs.metadata.annotations["scale-down-deadline"];
      rs.metadata.creationTimestamp = c.random.time();
      const containers = rs.spec?.template?.spec?.containers as Array<{ image?: string }> | undefined;
      for (const container of containers ?? [])
        container.image = `${(container.image ?? "app").split(":")[0]}:v${c.random.int(2, 9)}`;
      const replicas = c.random.int(0, 3);
      rs.spec = { ...rs.spec, replicas };
      rs.status = {
        replicas,
        readyReplicas: replicas,
        availableReplicas: c.random.int(0, replicas),
        observedGeneration: 1,
      };
      c.objects.push(rs);
      const podFrom = ownedBy(c, "Pod", from)[0];
      for (let i = 0; i < replicas && podFrom; i++) {
        const pod = clone(podFrom);
        pod.metadata.name = `${rs.metadata.name}-${c.random.hash().slice(0, 5)}`;
        pod.metadata.uid = uid(c.random);
        pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [hashLabel]: hash };
        pod.metadata.ownerReferences = [{ ...ownerRef(rs), apiVersion: "apps/v1" }];
        pod.metadata.creationTimestamp = c.random.time();
        c.objects.push(pod);
      }
      if (c.random.chance(0.7)) status(ro).currentPodHash = hash;
      return `new ReplicaSet ${rs.metadata.name} with ${replicas} pods`;
    },
  },
];

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

const pods: Mutation[] = [
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

const analysisPhases = ["Pending", "Running", "Successful", "Failed", "Error", "Inconclusive"];

const analysis: Mutation[] = [
  {
    name: "ar-no-status",
    apply(c) {
      const run = pickOwned(c, "AnalysisRun", "Rollout");
      if (!run?.status) return undefined;
      delete run.status;
      return `${run.metadata.name} has no status yet`;
    },
  },
  {
    name: "ar-phase",
    apply(c) {
      const run = pickOwned(c, "AnalysisRun", "Rollout") ?? pickOwned(c, "AnalysisRun", "Experiment");
      if (!run) return undefined;
      const phase = c.random.pick(analysisPhases);
      const metrics = (run.spec?.metrics as Array<{ name: string }> | undefined) ?? [];
      run.status = {
        phase,
        ...(c.random.chance(0.5) ? { message: `metric "${metrics[0]?.name ?? "m"}" assessed ${phase}` } : {}),
        startedAt: c.random.time(),
        metricResults: metrics.map((m) => ({
          name: m.name,
          phase: c.random.pick(analysisPhases),
          count: c.random.int(0, 6),
          successful: c.random.int(0, 4),
          failed: c.random.int(0, 2),
          inconclusive: c.random.int(0, 1),
          error: c.random.int(0, 1),
          measurements: [],
        })),
      };
      return `${run.metadata.name} ${phase}`;
    },
  },
  {
    name: "ar-add",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      const hash = (ro.status?.currentPodHash as string | undefined) ?? c.random.hash();
      const type = c.random.pick(["Step", "Background", "PrePromotion", "PostPromotion"]);
      const name = `${ro.metadata.name}-${hash}-${c.random.int(1, 9)}-${c.random.int(0, 3)}`;
      if (c.objects.some((o) => o.kind === "AnalysisRun" && o.metadata.name === name)) return undefined;
      const phase = c.random.pick([...analysisPhases, undefined]);
      c.objects.push({
        apiVersion: "argoproj.io/v1alpha1",
        kind: "AnalysisRun",
        metadata: {
          name,
          namespace: ro.metadata.namespace,
          uid: uid(c.random),
          creationTimestamp: c.random.time(),
          labels: { [hashLabel]: hash, "rollout-type": type },
          annotations: { [revisionAnnotation]: String(c.random.int(1, 5)) },
          ownerReferences: [ownerRef(ro)],
        },
        spec: {
          metrics: [{ name: "success-rate", interval: "1m", provider: { prometheus: { query: "up" } } }],
        },
        ...(phase
          ? {
              status: {
                phase,
                startedAt: c.random.time(),
                metricResults: [
                  {
                    name: "success-rate",
                    phase,
                    count: 2,
                    successful: phase === "Successful" ? 2 : 1,
                    failed: phase === "Failed" ? 1 : 0,
                  },
                ],
              },
            }
          : {}),
      });
      return `AnalysisRun ${name} (${type}, ${phase ?? "no status"})`;
    },
  },
  {
    name: "experiment-phase",
    apply(c) {
      const ro = rolloutOf(c);
      const experiments = ro ? ownedBy(c, "Experiment", ro) : [];
      if (experiments.length === 0) return undefined;
      const exp = c.random.pick(experiments);
      if (c.random.chance(0.2)) {
        delete exp.status;
        return `${exp.metadata.name} has no status`;
      }
      status(exp).phase = c.random.pick(analysisPhases);
      if (c.random.chance(0.5)) status(exp).message = "Experiment progressing";
      return `${exp.metadata.name} ${status(exp).phase}`;
    },
  },
];

const experiments: Mutation[] = [
  {
    name: "experiment-add",
    apply(c) {
      const ro = rolloutOf(c);
      const template = ro?.spec?.template;
      if (!ro || !template) return undefined;
      const hash = (ro.status?.currentPodHash as string | undefined) ?? c.random.hash();
      const revision = c.random.int(1, 6);
      const name = `${ro.metadata.name}-${hash}-${revision}-${c.random.int(0, 4)}`;
      if (c.objects.some((o) => o.kind === "Experiment" && o.metadata.name === name)) return undefined;
      const phase = c.random.pick([...analysisPhases, undefined]);
      const templates = c.random.pick([["canary"], ["baseline", "canary"]]);
      const experiment: KubeObject = {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Experiment",
        metadata: {
          name,
          namespace: ro.metadata.namespace,
          uid: uid(c.random),
          creationTimestamp: c.random.time(),
          labels: { [hashLabel]: hash },
          annotations: { [revisionAnnotation]: String(revision) },
          ownerReferences: [ownerRef(ro)],
        },
        spec: {
          templates: templates.map((t) => ({
            name: t,
            replicas: 1,
            selector: { matchLabels: { app: ro.metadata.name, role: t } },
            template: { ...clone(template), metadata: { labels: { app: ro.metadata.name, role: t } } },
          })),
        },
      };
      if (phase) {
        experiment.status = {
          phase,
          ...(c.random.chance(0.5) ? { message: `Experiment ${phase}` } : {}),
          templateStatuses: templates.map((t) => ({
            name: t,
            replicas: 1,
            updatedReplicas: 1,
            readyReplicas: c.random.int(0, 1),
            availableReplicas: c.random.int(0, 1),
            status: c.random.pick(["Progressing", "Running", "Successful", "Failed"]),
          })),
        };
      }
      c.objects.push(experiment);
      for (const t of templates) {
        if (c.random.chance(0.2)) continue; // not created yet
        const rsHash = c.random.hash();
        const replicas = c.random.int(0, 1);
        const rs: KubeObject = {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          metadata: {
            name: `${name}-${t}-${rsHash}`,
            namespace: ro.metadata.namespace,
            uid: uid(c.random),
            creationTimestamp: c.random.time(),
            labels: { app: ro.metadata.name, role: t, [hashLabel]: rsHash },
            annotations: {
              "experiment.argoproj.io/template-name": t,
              [revisionAnnotation]: String(revision),
            },
            ownerReferences: [{ ...ownerRef(experiment), kind: "Experiment" }],
          },
          spec: {
            replicas,
            selector: { matchLabels: { app: ro.metadata.name, role: t } },
            template: clone(template),
          },
          status: {
            replicas,
            readyReplicas: replicas,
            availableReplicas: c.random.int(0, replicas),
            observedGeneration: 1,
          },
        };
        c.objects.push(rs);
        for (let p = 0; p < replicas; p++) c.objects.push(runningPod(c, rs, rs.spec.template, rsHash));
      }
      return `Experiment ${name} (${templates.join("+")}, ${phase ?? "no status"})`;
    },
  },
  {
    name: "analysis-jobs",
    apply(c) {
      const run = pickOwned(c, "AnalysisRun", "Rollout");
      const results = run?.status?.metricResults;
      if (!run || !Array.isArray(results) || results.length === 0) return undefined;
      const result = c.random.pick(results) as Record<string, unknown>;
      result.measurements = Array.from({ length: c.random.int(1, 3) }, (_, i) => ({
        phase: c.random.pick(["Running", "Successful", "Failed", "Error"]),
        startedAt: c.random.time(),
        metadata: { "job-name": `${run.metadata.name}-job-${i}` },
      }));
      return `${run.metadata.name} measurements with jobs`;
    },
  },
  {
    name: "rs-replica-failure",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs) return undefined;
      const t = c.random.time();
      status(rs).conditions = [
        {
          type: "ReplicaFailure",
          status: c.random.pick(["True", "False"]),
          reason: "FailedCreate",
          message: 'pods "x" is forbidden: exceeded quota',
          lastTransitionTime: t,
        },
      ];
      return `${rs.metadata.name} ReplicaFailure`;
    },
  },
];

export const mutations: readonly Mutation[] = [
  ...rollout,
  ...replicaSets,
  ...pods,
  ...analysis,
  ...experiments,
];

function runningPod(
  c: MutationContext,
  rs: KubeObject,
  template: KubeObject["spec"],
  hash: string,
): KubeObject {
  const containers =
    (template?.spec?.containers as Array<{ name: string; image?: string }> | undefined) ?? [];
  const started = c.random.time();
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `${rs.metadata.name}-${c.random.hash().slice(0, 5)}`,
      namespace: rs.metadata.namespace,
      uid: uid(c.random),
      creationTimestamp: started,
      labels: { ...(template?.metadata?.labels ?? {}), [hashLabel]: hash },
      ownerReferences: [{ ...ownerRef(rs), apiVersion: "apps/v1" }],
    },
    spec: { ...(template?.spec ?? {}), containers, nodeName: "node-1" },
    status: {
      phase: "Running",
      conditions: [{ type: "Ready", status: "True", lastTransitionTime: started }],
      containerStatuses: containers.map((k) => ({
        name: k.name,
        image: k.image ?? "",
        imageID: "",
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: started } },
      })),
      startTime: started,
    },
  };
}

/**
 * A spec-only Rollout (an upstream example) as the controller leaves it once it has run: a stable
 * ReplicaSet and, half the time, an updated one in progress, each with running pods, and the status
 * that goes with them. Mutations then have ReplicaSets, pods and counters to work on.
 */
export function materialise(c: MutationContext): string | undefined {
  const ro = rolloutOf(c);
  if (!ro?.spec?.template || ownedBy(c, "ReplicaSet", ro).length > 0) return undefined;
  // The controller cannot decode such a Rollout (and an API server refuses pods with such a quantity).
  if (undecodableQuantities(ro.spec.template, "spec.template").length > 0) return undefined;
  const desired = (ro.spec.replicas as number | undefined) ?? 1;
  const stableHash = c.random.hash();
  const updating = c.random.chance(0.5);
  const currentHash = updating ? c.random.hash() : stableHash;
  const revisions = updating ? [stableHash, currentHash] : [stableHash];
  for (const [i, hash] of revisions.entries()) {
    const template = clone(ro.spec.template);
    if (i > 0) {
      for (const k of (template.spec?.containers as Array<{ image?: string }> | undefined) ?? [])
        k.image = `${(k.image ?? "app").split(":")[0]}:next`;
    }
    const replicas = i === 0 ? desired : Math.min(desired, c.random.int(1, Math.max(1, desired)));
    const rs: KubeObject = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${ro.metadata.name}-${hash}`,
        namespace: ro.metadata.namespace,
        uid: uid(c.random),
        generation: 1,
        creationTimestamp: c.random.time(),
        labels: { ...(template.metadata?.labels ?? {}), [hashLabel]: hash },
        annotations: { [revisionAnnotation]: String(i + 1) },
        ownerReferences: [ownerRef(ro)],
      },
      spec: {
        replicas,
        selector: { matchLabels: { ...(ro.spec.selector?.matchLabels ?? {}), [hashLabel]: hash } },
        template: {
          ...template,
          metadata: {
            ...(template.metadata ?? {}),
            labels: { ...(template.metadata?.labels ?? {}), [hashLabel]: hash },
          },
        },
      },
      status: {
        replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        fullyLabeledReplicas: replicas,
        observedGeneration: 1,
      },
    };
    c.objects.push(rs);
    for (let p = 0; p < replicas; p++) c.objects.push(runningPod(c, rs, rs.spec.template, hash));
  }
  const generation = (ro.metadata.generation as number | undefined) ?? c.random.int(1, 5);
  ro.metadata.generation = generation;
  const t = c.random.time();
  const steps = canary(ro)?.steps;
  ro.status = {
    observedGeneration: String(generation),
    currentPodHash: currentHash,
    stableRS: stableHash,
    replicas: desired + (updating ? 1 : 0),
    updatedReplicas: updating ? 1 : desired,
    readyReplicas: desired,
    availableReplicas: desired,
    ...(Array.isArray(steps)
      ? { currentStepIndex: updating ? c.random.int(0, steps.length) : steps.length }
      : {}),
    selector: Object.entries(ro.spec.selector?.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(","),
    conditions: [
      {
        type: "Available",
        status: "True",
        reason: "AvailableReason",
        message: "Rollout has minimum availability",
        lastTransitionTime: t,
        lastUpdateTime: t,
      },
      {
        type: "Progressing",
        status: "True",
        reason: updating ? "ReplicaSetUpdated" : "NewReplicaSetAvailable",
        message: updating
          ? `ReplicaSet "${ro.metadata.name}-${currentHash}" is progressing.`
          : `ReplicaSet "${ro.metadata.name}-${stableHash}" has successfully progressed.`,
        lastTransitionTime: t,
        lastUpdateTime: t,
      },
    ],
    ...(ro.spec.strategy?.blueGreen
      ? { blueGreen: { activeSelector: stableHash, ...(updating ? { previewSelector: currentHash } : {}) } }
      : {}),
  };
  return updating ? "stable and updated ReplicaSets with pods" : "stable ReplicaSet with pods";
}
