// Rollout conditions with upstream's reasons and messages (utils/conditions/conditions.go) and the
// two places the controller computes them: checkPausedConditions (start of every sync) and
// calculateRolloutConditions (end of every sync).
import type { Condition, RolloutStatus } from "@rollscope/shared";
import type { RolloutContext } from "./rollout-context";

export const Reason = {
  NewReplicaSetCreated: "NewReplicaSetCreated",
  FoundNewReplicaSet: "FoundNewReplicaSet",
  ReplicaSetUpdated: "ReplicaSetUpdated",
  ReplicaSetNotAvailable: "ReplicaSetNotAvailable",
  NewReplicaSetAvailable: "NewReplicaSetAvailable",
  RolloutPaused: "RolloutPaused",
  RolloutResumed: "RolloutResumed",
  RolloutAborted: "RolloutAborted",
  RolloutRetry: "RolloutRetry",
  RolloutHealthy: "RolloutHealthy",
  RolloutCompleted: "RolloutCompleted",
  Available: "AvailableReason",
} as const;

export const Message = {
  newReplicaSet: (rs: string) => `Created new replica set "${rs}"`,
  foundNewReplicaSet: (rs: string) => `Found new replica set "${rs}"`,
  replicaSetProgressing: (rs: string) => `ReplicaSet "${rs}" is progressing.`,
  rolloutProgressing: (ro: string) => `Rollout "${ro}" is progressing.`,
  replicaSetCompleted: (rs: string) => `ReplicaSet "${rs}" has successfully progressed.`,
  aborted: (revision: number) => `Rollout aborted update to revision ${revision}`,
  paused: "Rollout is paused",
  resumed: "Rollout is resumed",
  retry: "Retrying Rollout after abort",
  healthy: "Rollout is healthy",
  notHealthy: "Rollout is not healthy",
  available: "Rollout has minimum availability",
  notAvailable: "Rollout does not have minimum availability",
} as const;

type Status = "True" | "False" | "Unknown";

export function newCondition(
  type: string,
  status: Status,
  reason: string,
  message: string,
  now: string,
): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(conditions: readonly Condition[] | null | undefined, type: string) {
  return (conditions ?? []).find((c) => c.type === type);
}

/** SetRolloutCondition: no-op when status and reason are unchanged; true when it changed something. */
export function setCondition(conditions: Condition[], condition: Condition): boolean {
  const index = conditions.findIndex((c) => c.type === condition.type);
  const current = index >= 0 ? conditions[index] : undefined;
  if (current && current.status === condition.status && current.reason === condition.reason) return false;
  const next = { ...condition };
  if (current && current.status === condition.status)
    next.lastTransitionTime = current.lastTransitionTime ?? null;
  if (index >= 0) conditions.splice(index, 1);
  conditions.push(next);
  return true;
}

function removeCondition(conditions: Condition[], type: string): void {
  const index = conditions.findIndex((c) => c.type === type);
  if (index >= 0) conditions.splice(index, 1);
}

/** checkPausedConditions: Progressing RolloutPaused/RolloutResumed/RolloutRetry and the Paused condition. */
export function checkPausedConditions(ctx: RolloutContext): void {
  const prog = getCondition(ctx.prev.conditions, "Progressing");
  const progPaused = prog?.reason === Reason.RolloutPaused;
  const isPaused = (ctx.prev.pauseConditions?.length ?? 0) > 0 || Boolean(ctx.rollout.spec.paused);
  const abortCondExists = prog?.reason === Reason.RolloutAborted;
  const now = ctx.now();
  const updates: Condition[] = [];
  if (isPaused !== progPaused && !abortCondExists) {
    updates.push(
      isPaused
        ? newCondition("Progressing", "Unknown", Reason.RolloutPaused, Message.paused, now)
        : newCondition("Progressing", "Unknown", Reason.RolloutResumed, Message.resumed, now),
    );
  }
  if (!ctx.prev.abort && abortCondExists) {
    updates.push(newCondition("Progressing", "Unknown", Reason.RolloutRetry, Message.retry, now));
  }
  const pausedTrue = getCondition(ctx.prev.conditions, "Paused")?.status === "True";
  if (isPaused !== pausedTrue && !abortCondExists) {
    updates.push(
      newCondition("Paused", isPaused ? "True" : "False", Reason.RolloutPaused, Message.paused, now),
    );
  }
  for (const c of updates) setCondition(ctx.conditions, c);
}

/** conditions.RolloutHealthy */
export function rolloutHealthy(ctx: RolloutContext, s: RolloutStatus): boolean {
  const spec = ctx.rollout.spec;
  const replicas = ctx.replicas;
  let completedStrategy = true;
  const bg = spec.strategy?.blueGreen;
  const canary = spec.strategy?.canary;
  if (bg) {
    const active = s.blueGreen?.activeSelector === s.currentPodHash;
    const preview = !bg.previewService || s.blueGreen?.previewSelector === s.currentPodHash;
    completedStrategy = active && preview;
  }
  if (canary) {
    const stepCount = canary.steps?.length ?? 0;
    const allSteps = stepCount === 0 || s.currentStepIndex == null || s.currentStepIndex === stepCount;
    const stable = Boolean(s.stableRS) && s.stableRS === s.currentPodHash;
    completedStrategy = allSteps && stable && s.replicas === replicas;
  }
  return (
    s.updatedReplicas === replicas &&
    s.availableReplicas === replicas &&
    String(ctx.prev.observedGeneration ?? "") === String(ctx.rollout.metadata.generation ?? "") &&
    completedStrategy
  );
}

/** conditions.RolloutProgressing: did anything move since the last status? */
function rolloutProgressing(ctx: RolloutContext, s: RolloutStatus): boolean {
  const old = ctx.prev;
  let strategyProgress = false;
  if (ctx.rollout.spec.strategy?.blueGreen) {
    strategyProgress =
      (old.blueGreen?.activeSelector ?? "") !== (s.blueGreen?.activeSelector ?? "") ||
      (old.blueGreen?.previewSelector ?? "") !== (s.blueGreen?.previewSelector ?? "");
  }
  if (ctx.rollout.spec.strategy?.canary) {
    const stepMoved =
      s.currentStepIndex != null &&
      old.currentStepIndex != null &&
      s.currentStepIndex !== old.currentStepIndex;
    strategyProgress =
      (s.stableRS ?? "") !== (old.stableRS ?? "") ||
      stepMoved ||
      (s.currentStepHash ?? "") !== (old.currentStepHash ?? "");
  }
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) !== (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0) ||
    strategyProgress
  );
}

/** calculateRolloutConditions: Healthy, Progressing, Available and Completed, with their events. */
export function calculateRolloutConditions(ctx: RolloutContext, s: RolloutStatus): void {
  const conditions = [...(s.conditions ?? [])];
  const now = ctx.now();
  const events = ctx.env.events;
  const ro = ctx.rollout;
  const isPaused = (ctx.prev.pauseConditions?.length ?? 0) > 0 || Boolean(ro.spec.paused);
  const isAborted = ctx.pause.isAborted();
  const healthy = rolloutHealthy(ctx, s);
  let becameUnhealthy = false;
  if (!isPaused && healthy) {
    setCondition(conditions, newCondition("Healthy", "True", Reason.RolloutHealthy, Message.healthy, now));
  } else if (getCondition(ctx.prev.conditions, "Healthy")) {
    becameUnhealthy = setCondition(
      conditions,
      newCondition("Healthy", "False", Reason.RolloutHealthy, Message.notHealthy, now),
    );
  }
  if (isAborted) {
    let message = Message.aborted(ctx.revision);
    if (ctx.pause.abortMessage) message = `${message}: ${ctx.pause.abortMessage}`;
    if (setCondition(conditions, newCondition("Progressing", "False", Reason.RolloutAborted, message, now))) {
      events.warning(ro, Reason.RolloutAborted, message);
    }
  } else if (healthy) {
    const rsName = ctx.newRS?.metadata.name ?? "";
    setCondition(
      conditions,
      newCondition(
        "Progressing",
        "True",
        Reason.NewReplicaSetAvailable,
        Message.replicaSetCompleted(rsName),
        now,
      ),
    );
  } else if (rolloutProgressing(ctx, s) || becameUnhealthy) {
    let reason: string = Reason.ReplicaSetUpdated;
    let message = ctx.newRS
      ? Message.replicaSetProgressing(ctx.newRS.metadata.name)
      : Message.rolloutProgressing(ro.metadata.name);
    if (s.stableRS === s.currentPodHash && becameUnhealthy) {
      reason = Reason.ReplicaSetNotAvailable;
      message = Message.notAvailable;
    }
    const condition = newCondition("Progressing", "True", reason, message, now);
    const current = getCondition(ctx.prev.conditions, "Progressing");
    // Progressing is special: same reason still refreshes lastUpdateTime.
    if (current?.status === "True") condition.lastTransitionTime = current.lastTransitionTime ?? now;
    removeCondition(conditions, "Progressing");
    setCondition(conditions, condition);
  }
  const available = availableNow(ctx, s);
  setCondition(
    conditions,
    newCondition(
      "Available",
      available ? "True" : "False",
      Reason.Available,
      available ? Message.available : Message.notAvailable,
      now,
    ),
  );
  const completed = Boolean(s.stableRS) && s.stableRS === s.currentPodHash;
  const completedCond = newCondition(
    "Completed",
    completed ? "True" : "False",
    Reason.RolloutCompleted,
    Reason.RolloutCompleted,
    now,
  );
  if (setCondition(conditions, completedCond) && !completed) {
    events.normal(
      ro,
      "RolloutNotCompleted",
      `Rollout not completed, started update to revision ${ctx.revision + 1} (${s.currentPodHash})`,
    );
  }
  s.conditions = conditions;
}

function availableNow(ctx: RolloutContext, s: RolloutStatus): boolean {
  if (ctx.rollout.spec.strategy?.blueGreen) {
    const active = ctx.allRSs.find(
      (rs) => rs.metadata.labels?.["rollouts-pod-template-hash"] === s.blueGreen?.activeSelector,
    );
    return active !== undefined && isSaturated(ctx, active);
  }
  const available = ctx.allRSs.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
  return available >= ctx.replicas;
}

/** annotations.IsSaturated: the ReplicaSet runs the rollout's full size, all available. */
export function isSaturated(
  ctx: RolloutContext,
  rs: {
    spec?: { replicas?: number | null } | null;
    status?: { availableReplicas?: number | null } | null;
    metadata: { annotations?: Record<string, string> | null };
  },
): boolean {
  const desired = Number(rs.metadata.annotations?.["rollout.argoproj.io/desired-replicas"] ?? Number.NaN);
  return (
    rs.spec?.replicas === ctx.replicas &&
    desired === ctx.replicas &&
    (rs.status?.availableReplicas ?? 0) === ctx.replicas
  );
}
