// The canary strategy (rollout/canary.go): steps, pauses, traffic, analysis and experiments, in the
// order the controller reconciles them, then the status with step progress and full promotion.
import {
  type CanaryStep,
  canarySteps,
  currentCanaryStep,
  currentStepIndex,
  parseGoDuration,
} from "@rollscope/shared";
import { atDesiredCounts, canaryCounts } from "./canary-replicas";
import { parseTimestamp } from "./clock";
import { stepHash } from "./hashing";
import { formatLabelSelector, hashOf } from "./kube-objects";
import { restartPods } from "./pod-restarter";
import { reconcileAnalysisRuns } from "./rollout-analysis";
import { calculateRolloutConditions } from "./rollout-conditions";
import type { RolloutContext } from "./rollout-context";
import { reconcileExperiments } from "./rollout-experiments";
import {
  delayedScaleDown,
  reconcileRevisionHistoryLimit,
  removeScaleDownDeadlines,
  scaleReplicaSet,
  syncReplicaSetsAndRevision,
} from "./rollout-replicasets";
import { baseStatus, persistStatus, promoteStable, resetStatus, templateChanged } from "./status-sync";
import { reconcileTrafficRouting } from "./traffic-routing";

const DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;
const DEFAULT_ABORT_SCALE_DOWN_DELAY_SECONDS = 30;

/** rolloututil.CanaryStepString */
export function canaryStepString(step: CanaryStep): string {
  if (step.setWeight != null) return `setWeight: ${step.setWeight}`;
  // IntOrString.String(): the duration as written ("60s", "1m" or 60).
  if (step.pause) return step.pause.duration == null ? "pause" : `pause: ${step.pause.duration}`;
  if (step.experiment) return "experiment";
  if (step.analysis) return "analysis";
  if (step.setCanaryScale) {
    const s = step.setCanaryScale;
    if (s.weight != null) return `setCanaryScale{weight: ${s.weight}}`;
    if (s.matchTrafficWeight) return "setCanaryScale{matchTrafficWeight: true}";
    return `setCanaryScale{replicas: ${s.replicas}}`;
  }
  if (step.setHeaderRoute) return "setHeaderRoute";
  if (step.setMirrorRoute) return "setMirrorRoute";
  return "invalid";
}

function option(
  ctx: RolloutContext,
  key: "scaleDownDelaySeconds" | "abortScaleDownDelaySeconds",
  fallback: number,
): number {
  const value = (ctx.rollout.spec.strategy?.canary as Record<string, unknown> | undefined)?.[key];
  return typeof value === "number" ? value : fallback;
}

/** reconcileCanaryReplicaSets: stable first, then the new ReplicaSet, then the rest. */
function reconcileReplicaSets(ctx: RolloutContext): boolean {
  removeScaleDownDeadlines(ctx);
  const counts = canaryCounts(ctx);
  const routed = Boolean(ctx.rollout.spec.strategy?.canary?.trafficRouting);
  const { newRS, stableRS } = ctx;
  if (stableRS && newRS && stableRS !== newRS && scaleReplicaSet(ctx, stableRS, counts.stable)) return true;
  if (newRS) {
    let desired = stableRS === newRS || !stableRS ? ctx.replicas : counts.canary;
    if (ctx.pause.isAborted() && routed && stableRS !== newRS) {
      // With traffic routing an aborted canary keeps its pods for abortScaleDownDelaySeconds.
      desired = delayedScaleDown(
        ctx,
        newRS,
        option(ctx, "abortScaleDownDelaySeconds", DEFAULT_ABORT_SCALE_DOWN_DELAY_SECONDS),
      );
    }
    if (scaleReplicaSet(ctx, newRS, desired, desired > 0)) return true;
  }
  let scaled = false;
  for (const rs of ctx.otherRSs) {
    if ((rs.spec?.replicas ?? 0) === 0) continue;
    const desired = routed
      ? delayedScaleDown(ctx, rs, option(ctx, "scaleDownDelaySeconds", DEFAULT_SCALE_DOWN_DELAY_SECONDS))
      : 0;
    scaled = scaleReplicaSet(ctx, rs, desired, desired > 0) || scaled;
  }
  return scaled;
}

/** reconcileCanaryPause: entering a pause step adds CanaryPauseStep once. */
function reconcilePause(ctx: RolloutContext): void {
  if (ctx.rollout.spec.paused || ctx.prev.promoteFull) return;
  const step = currentCanaryStep(ctx.rollout);
  if (!step?.pause) return;
  if (!ctx.pause.getPauseCondition("CanaryPauseStep") && !ctx.prev.controllerPause) {
    ctx.pause.addPauseCondition("CanaryPauseStep");
  }
}

/** completedCurrentCanaryStep */
function completedCurrentStep(ctx: RolloutContext): boolean {
  if (ctx.rollout.spec.paused) return false;
  const step = currentCanaryStep(ctx.rollout);
  if (!step) return false;
  if (step.pause) {
    const cond = ctx.pause.getPauseCondition("CanaryPauseStep");
    if (ctx.prev.controllerPause && !cond) return true;
    const seconds = parseGoDuration(step.pause.duration ?? undefined);
    const start = parseTimestamp(cond?.startTime);
    return seconds !== undefined && start !== undefined && ctx.env.clock.nowMs() > start + seconds * 1000;
  }
  if (step.setCanaryScale || step.setWeight != null) return atDesiredCounts(ctx, canaryCounts(ctx));
  if (step.experiment) return ctx.currentEx?.status?.phase === "Successful";
  if (step.analysis) return ctx.currentArs.step?.status?.phase === "Successful";
  return Boolean(step.setHeaderRoute || step.setMirrorRoute);
}

/** shouldFullPromote for canary */
function fullPromoteReason(ctx: RolloutContext): string {
  if (!ctx.stableRS) return "Initial deploy";
  if (ctx.pause.isAborted()) return "";
  if (!ctx.newRS || (ctx.newRS.status?.availableReplicas ?? 0) !== ctx.replicas) return "";
  if (ctx.prev.promoteFull) return "Full promotion requested";
  const count = canarySteps(ctx.rollout).length;
  const index = currentStepIndex(ctx.rollout);
  if (count === 0 || index === count) return `Completed all ${count} canary steps`;
  return "";
}

/** syncRolloutStatusCanary */
function syncStatus(ctx: RolloutContext): void {
  const s = baseStatus(ctx);
  s.availableReplicas = ctx.allRSs.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
  s.HPAReplicas = s.replicas;
  s.selector = formatLabelSelector(ctx.rollout.spec.selector);
  s.stableRS = ctx.prev.stableRS ?? undefined;
  const steps = canarySteps(ctx.rollout);
  s.currentStepHash = stepHash(steps);
  let index = currentStepIndex(ctx.rollout);
  if (templateChanged(ctx, true)) {
    resetStatus(ctx, s);
    if (ctx.newRS && ctx.prev.stableRS === hashOf(ctx.newRS) && steps.length > 0) {
      ctx.env.events.normal(ctx.rollout, "SkipSteps", "Rollback to stable");
      s.currentStepIndex = steps.length;
    }
    calculateRolloutConditions(ctx, s);
    persistStatus(ctx, s);
    return;
  }
  if (ctx.prev.promoteFull) {
    ctx.pause.clearPauseConditions();
    ctx.pause.removeAbort();
    if (steps.length > 0) index = steps.length;
  }
  const reason = fullPromoteReason(ctx);
  if (reason) {
    promoteStable(ctx, s, reason);
  } else if (ctx.pause.isAborted()) {
    if (steps.length > 0) index = s.stableRS === s.currentPodHash ? steps.length : 0;
    s.currentStepIndex = index;
  } else {
    const step = currentCanaryStep(ctx.rollout);
    if (!ctx.prev.promoteFull && step && index !== undefined && completedCurrentStep(ctx)) {
      index += 1;
      s.canary = { ...s.canary, currentStepAnalysisRunStatus: undefined };
      ctx.env.events.normal(
        ctx.rollout,
        "RolloutStepCompleted",
        `Rollout step ${index}/${steps.length} completed (${canaryStepString(step)})`,
      );
      ctx.pause.removePauseCondition("CanaryPauseStep");
    }
    s.currentStepIndex = index;
  }
  calculateRolloutConditions(ctx, s);
  persistStatus(ctx, s);
}

/** rolloutCanary */
export function rolloutCanary(ctx: RolloutContext): void {
  if (templateChanged(ctx, true)) {
    syncReplicaSetsAndRevision(ctx, false);
    syncStatus(ctx);
    return;
  }
  syncReplicaSetsAndRevision(ctx, true);
  restartPods(ctx);
  reconcileRevisionHistoryLimit(ctx);
  reconcileTrafficRouting(ctx, atDesiredCounts(ctx, canaryCounts(ctx)));
  reconcileExperiments(ctx);
  reconcileAnalysisRuns(ctx);
  // A new Inconclusive pause, or pods still scaling, end this sync before the pause logic.
  if (!ctx.pause.hasAddPause() && !reconcileReplicaSets(ctx)) reconcilePause(ctx);
  syncStatus(ctx);
}
