// Mutations of a Rollout's progress as its status and spec record it: steps, pauses, aborts,
// generations, conditions, replica counters and pod hashes.
import { canary, hashes, list, type Mutation, rolloutOf, status } from "./context";

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

export const rolloutProgressMutations: Mutation[] = [
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
];
