// Mutations of the Rollout itself: steps, pauses, aborts, generations, conditions, counters,
// strategies, traffic routing, restarts and workloadRef.
import { undecodableQuantities } from "@rollscope/shared/kube/quantity";
import { canary, hashes, list, type Mutation, rolloutOf, status, uid } from "./context";

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

export const rolloutMutations: Mutation[] = [
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
