// The blue-green strategy (rollout/bluegreen.go, service.go): the new ReplicaSet comes up behind the
// preview selector, pre-promotion analysis runs, then the BlueGreenPause waits for a promote (or
// autoPromotionSeconds); the active selector switches, post-promotion analysis runs, and the old
// ReplicaSet scales down after scaleDownDelaySeconds. Services are not simulated: their selectors
// live in status.blueGreen.activeSelector/previewSelector, which is what the controller reports.

import { parseTimestamp } from "./clock";
import { formatLabelSelector, hashOf, SCALE_DOWN_DEADLINE_ANNOTATION } from "./kube-objects";
import { restartPods } from "./pod-restarter";
import { reconcileAnalysisRuns } from "./rollout-analysis";
import { calculateRolloutConditions, isSaturated } from "./rollout-conditions";
import type { ReplicaSet, RolloutContext } from "./rollout-context";
import {
  delayedScaleDown,
  reconcileRevisionHistoryLimit,
  removeScaleDownDeadlines,
  scaleReplicaSet,
  setScaleDownDeadline,
  syncReplicaSetsAndRevision,
} from "./rollout-replicasets";
import { baseStatus, persistStatus, promoteStable, resetStatus, templateChanged } from "./status-sync";

const DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;
const DEFAULT_ABORT_SCALE_DOWN_DELAY_SECONDS = 30;

interface Selectors {
  active: string;
  preview: string;
}

function strategy(ctx: RolloutContext) {
  return ctx.rollout.spec.strategy?.blueGreen ?? { activeService: "" };
}

function numberOption(ctx: RolloutContext, key: string, fallback: number): number {
  const value = (strategy(ctx) as Record<string, unknown>)[key];
  return typeof value === "number" ? value : fallback;
}

const byHash = (ctx: RolloutContext, hash: string | null | undefined) =>
  hash ? ctx.allRSs.find((rs) => hashOf(rs) === hash) : undefined;

/** NewRSNewReplicas for blue-green: previewReplicaCount until the preview is promoted. */
function newRSReplicas(ctx: RolloutContext, sel: Selectors): number {
  const preview = strategy(ctx).previewReplicaCount;
  if (preview == null) return ctx.replicas;
  const active = byHash(ctx, sel.active);
  if (!active || active === ctx.newRS) return ctx.replicas;
  return ctx.prev.blueGreen?.scaleUpPreviewCheckPoint ? ctx.replicas : preview;
}

function readyForPause(ctx: RolloutContext, sel: Selectors): boolean {
  const desired = newRSReplicas(ctx, sel);
  return ctx.newRS?.spec?.replicas === desired && (ctx.newRS?.status?.availableReplicas ?? 0) === desired;
}

function fastTracked(ctx: RolloutContext, sel: Selectors): boolean {
  if (ctx.newRS?.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION]) return true;
  return Boolean(ctx.prev.promoteFull) || sel.active === "" || sel.active === hashOf(ctx.newRS);
}

function completedPrePromotionAnalysis(ctx: RolloutContext): boolean {
  return !strategy(ctx).prePromotionAnalysis || ctx.currentArs.pre?.status?.phase === "Successful";
}

/** CompletedBlueGreenPause */
function completedPause(ctx: RolloutContext): boolean {
  const cond = ctx.pause.getPauseCondition("BlueGreenPause");
  const bg = strategy(ctx);
  if (ctx.pause.hasAddPause()) return false;
  if (ctx.prev.blueGreen?.scaleUpPreviewCheckPoint) return true;
  if (bg.autoPromotionEnabled !== false) {
    const seconds = bg.autoPromotionSeconds ?? 0;
    if (seconds === 0) return true;
    const start = parseTimestamp(cond?.startTime);
    return start !== undefined && ctx.env.clock.nowMs() > start + seconds * 1000;
  }
  return Boolean(ctx.prev.controllerPause) && !cond;
}

function reconcilePause(ctx: RolloutContext, sel: Selectors): void {
  if (ctx.prev.abort || !readyForPause(ctx, sel) || ctx.rollout.spec.paused) return;
  const bg = strategy(ctx);
  const controllerManaged = bg.autoPromotionEnabled === false || (bg.autoPromotionSeconds ?? 0) > 0;
  if (fastTracked(ctx, sel) || ctx.prev.blueGreen?.scaleUpPreviewCheckPoint || !controllerManaged) {
    ctx.pause.removePauseCondition("BlueGreenPause");
    return;
  }
  if (!completedPrePromotionAnalysis(ctx)) return;
  if (ctx.pause.getPauseCondition("BlueGreenPause")) {
    if (completedPause(ctx)) ctx.pause.removePauseCondition("BlueGreenPause");
  } else if (!ctx.prev.controllerPause) {
    ctx.pause.addPauseCondition("BlueGreenPause");
  }
}

/** reconcileActiveService: switch to the new ReplicaSet once it is saturated and released. */
function reconcileActive(ctx: RolloutContext, sel: Selectors): void {
  if (!ctx.newRS || !readyForPause(ctx, sel) || !isSaturated(ctx, ctx.newRS)) {
    if (ctx.prev.abort && ctx.prev.stableRS) sel.active = ctx.prev.stableRS;
    return;
  }
  let next = sel.active;
  if (fastTracked(ctx, sel)) next = hashOf(ctx.newRS);
  if (completedPause(ctx) && completedPrePromotionAnalysis(ctx)) next = hashOf(ctx.newRS);
  if (ctx.prev.abort) next = ctx.prev.stableRS ?? next;
  if (next === sel.active) return;
  const previous = byHash(ctx, sel.active);
  if (previous && (previous.spec?.replicas ?? 0) > 0) {
    setScaleDownDeadline(
      ctx,
      previous,
      numberOption(ctx, "scaleDownDelaySeconds", DEFAULT_SCALE_DOWN_DELAY_SECONDS),
    );
  }
  sel.active = next;
}

function reconcileReplicaSets(ctx: RolloutContext, sel: Selectors): void {
  removeScaleDownDeadlines(ctx);
  const active = byHash(ctx, sel.active);
  if (active) scaleReplicaSet(ctx, active, ctx.replicas);
  const { newRS } = ctx;
  if (newRS && newRS !== active) {
    let desired = newRSReplicas(ctx, sel);
    if (ctx.pause.isAborted())
      desired = delayedScaleDown(
        ctx,
        newRS,
        numberOption(ctx, "abortScaleDownDelaySeconds", DEFAULT_ABORT_SCALE_DOWN_DELAY_SECONDS),
      );
    scaleReplicaSet(ctx, newRS, desired, desired > 0);
  }
  if (ctx.pause.getPauseCondition("InconclusiveAnalysisRun")) return;
  const post = strategy(ctx).postPromotionAnalysis;
  if (
    post &&
    strategy(ctx).scaleDownDelaySeconds == null &&
    ctx.currentArs.post &&
    ctx.currentArs.post.status?.phase !== "Successful"
  )
    return;
  const referenced = new Set([ctx.prev.stableRS, sel.active, sel.preview].filter(Boolean));
  for (const rs of ctx.allRSs) {
    if (rs === newRS || referenced.has(hashOf(rs)) || (rs.spec?.replicas ?? 0) === 0) continue;
    scaleReplicaSet(ctx, rs, keptUntilDeadline(ctx, rs), true);
  }
}

/** An old ReplicaSet keeps its pods while its scale-down-deadline is in the future. */
function keptUntilDeadline(ctx: RolloutContext, rs: ReplicaSet): number {
  const deadline = parseTimestamp(rs.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION]);
  return deadline !== undefined && ctx.env.clock.nowMs() < deadline ? (rs.spec?.replicas ?? 0) : 0;
}

function fullPromoteReason(ctx: RolloutContext, active: string, currentPodHash: string): string {
  if (!ctx.stableRS || active === "") return "Initial deploy";
  if (active !== currentPodHash) return "";
  if (ctx.prev.promoteFull) return "Full promotion requested";
  if (ctx.pause.isAborted()) return "";
  if (strategy(ctx).postPromotionAnalysis) {
    if (ctx.newRS?.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION])
      return `Rollback to '${ctx.newRS.metadata.name}' within scaleDownDelay`;
    if (ctx.currentArs.post?.status?.phase !== "Successful") return "";
  }
  return "Completed blue-green update";
}

function syncStatus(ctx: RolloutContext, sel: Selectors): void {
  const s = baseStatus(ctx);
  s.stableRS = ctx.prev.stableRS ?? undefined;
  if (templateChanged(ctx, false)) resetStatus(ctx, s);
  if (ctx.prev.promoteFull) {
    ctx.pause.clearPauseConditions();
    ctx.pause.removeAbort();
  }
  s.blueGreen = {
    ...s.blueGreen,
    previewSelector: sel.preview || undefined,
    activeSelector: sel.active || undefined,
  };
  const reason = fullPromoteReason(ctx, sel.active, s.currentPodHash ?? "");
  if (reason) promoteStable(ctx, s, reason);
  else s.blueGreen.scaleUpPreviewCheckPoint = scaleUpPreviewCheckPoint(ctx) || undefined;
  const active = byHash(ctx, sel.active);
  if (active) {
    s.HPAReplicas = active.status?.replicas ?? 0;
    s.selector = formatLabelSelector(active.spec?.selector);
    s.availableReplicas = active.status?.availableReplicas ?? 0;
    s.readyReplicas = active.status?.readyReplicas ?? 0;
  } else {
    s.HPAReplicas = s.replicas;
    s.selector = formatLabelSelector(ctx.rollout.spec.selector);
    s.availableReplicas = ctx.allRSs.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
  }
  calculateRolloutConditions(ctx, s);
  persistStatus(ctx, s);
}

/** calculateScaleUpPreviewCheckPoint: a one-way switch for previewReplicaCount. */
function scaleUpPreviewCheckPoint(ctx: RolloutContext): boolean {
  const preview = strategy(ctx).previewReplicaCount;
  if (preview == null) return false;
  if (ctx.prev.blueGreen?.scaleUpPreviewCheckPoint) return true;
  if (!completedPrePromotionAnalysis(ctx) || !completedPause(ctx)) return false;
  return (ctx.newRS?.status?.availableReplicas ?? 0) === preview;
}

/** rolloutBlueGreen */
export function rolloutBlueGreen(ctx: RolloutContext): void {
  syncReplicaSetsAndRevision(ctx, true);
  const sel: Selectors = {
    active: ctx.prev.blueGreen?.activeSelector ?? "",
    preview: strategy(ctx).previewService ? hashOf(ctx.newRS) : "",
  };
  if (templateChanged(ctx, false)) {
    syncStatus(ctx, sel);
    return;
  }
  restartPods(ctx);
  reconcileReplicaSets(ctx, sel);
  reconcileRevisionHistoryLimit(ctx);
  reconcilePause(ctx, sel);
  reconcileActive(ctx, sel);
  reconcileAnalysisRuns(ctx);
  syncStatus(ctx, sel);
}
