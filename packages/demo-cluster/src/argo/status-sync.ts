// Pieces of the status calculation both strategies share (rollout/sync.go): the base status, template
// change detection and reset, full promotion to stable, and writing the status with the pause
// decision, observedGeneration and phase, plus the RolloutPaused/RolloutResumed events.
import { calculateRolloutPhase, canarySteps, type RolloutStatus } from "@rollscope/shared";
import { canonicalJson } from "@rollscope/shared/encoding/canonical-json";
import { stepHash } from "./hashing";
import { asRaw, compact, hashOf, keyOf, revisionOf } from "./kube-objects";
import type { RolloutContext } from "./rollout-context";

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** calculateBaseStatus */
export function baseStatus(ctx: RolloutContext): RolloutStatus {
  const s = ctx.newStatus;
  s.currentPodHash = ctx.newRS ? hashOf(ctx.newRS) : ctx.hash;
  s.replicas = sum(ctx.allRSs.map((rs) => rs.status?.replicas ?? 0));
  s.updatedReplicas = ctx.newRS?.status?.replicas ?? 0;
  s.readyReplicas = sum(ctx.allRSs.map((rs) => rs.status?.readyReplicas ?? 0));
  const collision = (ctx.prev as { collisionCount?: number }).collisionCount;
  if (collision !== undefined) (s as { collisionCount?: number }).collisionCount = collision;
  s.conditions = ctx.conditions;
  s.promoteFull = s.currentPodHash !== ctx.prev.stableRS && Boolean(ctx.prev.promoteFull);
  return s;
}

/** replicasetutil.PodTemplateOrStepsChanged (canary) / CheckPodSpecChange (blue-green). */
export function templateChanged(ctx: RolloutContext, includeSteps: boolean): boolean {
  if (
    includeSteps &&
    ctx.prev.currentStepHash &&
    ctx.prev.currentStepHash !== stepHash(canarySteps(ctx.rollout))
  )
    return true;
  if (!ctx.prev.currentPodHash) return false;
  const hash = ctx.newRS ? hashOf(ctx.newRS) : ctx.hash;
  return ctx.prev.currentPodHash !== hash;
}

/** resetRolloutStatus: a new update starts from step 0 with no pause, abort or analysis. */
export function resetStatus(ctx: RolloutContext, s: RolloutStatus): void {
  ctx.pause.clearPauseConditions();
  ctx.pause.removeAbort();
  if (ctx.rollout.spec.restartAt) s.restartedAt = ctx.rollout.spec.restartAt;
  s.promoteFull = false;
  s.blueGreen = {
    ...s.blueGreen,
    prePromotionAnalysisRunStatus: undefined,
    postPromotionAnalysisRunStatus: undefined,
    scaleUpPreviewCheckPoint: false,
  };
  s.canary = {
    ...s.canary,
    currentStepAnalysisRunStatus: undefined,
    currentBackgroundAnalysisRunStatus: undefined,
  };
  s.currentStepIndex = canarySteps(ctx.rollout).length > 0 ? 0 : undefined;
}

/** promoteStable: the desired ReplicaSet becomes stable, with a RolloutCompleted event. */
export function promoteStable(ctx: RolloutContext, s: RolloutStatus, reason: string): void {
  ctx.pause.clearPauseConditions();
  ctx.pause.removeAbort();
  s.promoteFull = false;
  s.blueGreen = { ...s.blueGreen, scaleUpPreviewCheckPoint: false };
  if (ctx.rollout.spec.strategy?.canary) {
    const count = canarySteps(ctx.rollout).length;
    s.currentStepIndex = count > 0 ? count : undefined;
  }
  if (s.stableRS !== s.currentPodHash) {
    s.stableRS = s.currentPodHash;
    const revision = ctx.newRS ? revisionOf(ctx.newRS) : ctx.revision;
    ctx.env.events.normal(
      ctx.rollout,
      "RolloutCompleted",
      `Rollout completed update to revision ${revision} (${s.currentPodHash}): ${reason}`,
    );
  }
}

/** Go's omitempty: false flags and empty messages are not written. */
function omitEmpty(s: RolloutStatus): RolloutStatus {
  const out = compact(s);
  for (const key of ["abort", "promoteFull", "controllerPause"] as const)
    if (out[key] === false) delete out[key];
  if (out.message === "") delete out.message;
  if (out.blueGreen?.scaleUpPreviewCheckPoint === false) delete out.blueGreen.scaleUpPreviewCheckPoint;
  for (const ref of [
    out.canary?.currentStepAnalysisRunStatus,
    out.canary?.currentBackgroundAnalysisRunStatus,
    out.blueGreen?.prePromotionAnalysisRunStatus,
    out.blueGreen?.postPromotionAnalysisRunStatus,
  ]) {
    if (ref?.message === "") delete ref.message;
  }
  return out;
}

/** persistRolloutStatus: only writes when something changed. */
export function persistStatus(ctx: RolloutContext, s: RolloutStatus): void {
  ctx.pause.apply(s);
  s.observedGeneration = String(ctx.rollout.metadata.generation ?? 1);
  const { phase, message } = calculateRolloutPhase({ ...ctx.rollout, status: s });
  s.phase = phase;
  s.message = message;
  const next = omitEmpty(s);
  if (canonicalJson(next) === canonicalJson(ctx.prev)) return;
  ctx.env.store.updateStatus(
    keyOf(asRaw({ ...ctx.rollout, kind: "Rollout" })),
    next as Record<string, unknown>,
  );
  const prevPaused = (ctx.prev.pauseConditions?.length ?? 0) > 0;
  const paused = (next.pauseConditions?.length ?? 0) > 0;
  if (prevPaused === paused) return;
  if (paused) {
    ctx.env.events.normal(
      ctx.rollout,
      "RolloutPaused",
      `Rollout is paused (${next.pauseConditions?.[0]?.reason})`,
    );
  } else if (!next.abortedAt) {
    // An abort also clears the pause conditions; that is not a resume.
    ctx.env.events.normal(ctx.rollout, "RolloutResumed", "Rollout is resumed");
  }
}
