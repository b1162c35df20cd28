// The Rollout's side of analysis (rollout/analysis.go): start step, background, pre- and
// post-promotion AnalysisRuns when due, terminate the ones no longer wanted, turn a Failed/Error run
// into an abort and an Inconclusive one into a pause, and report run phase changes as Events.
import type { AnalysisRun, RolloutAnalysis } from "@rollscope/shared";
import { currentCanaryStep, currentStepIndex, isFullyPromoted } from "@rollscope/shared";
import { createRunWithCollisionCounter, rolloutRunRequest, terminateRuns } from "./analysis-run-factory";
import {
  HASH_LABEL,
  hashOf,
  ROLLOUT_TYPE_LABEL,
  SCALE_DOWN_DEADLINE_ANNOTATION,
  STEP_INDEX_LABEL,
} from "./kube-objects";
import { isSaturated } from "./rollout-conditions";
import type { CurrentAnalysisRuns, RolloutContext } from "./rollout-context";

type Role = keyof CurrentAnalysisRuns;

const ROLE_LABEL: Record<Role, string> = {
  step: "Step",
  background: "Background",
  pre: "PrePromotion",
  post: "PostPromotion",
};
const ABORT_PREFIX: Record<Role, string> = {
  step: "Step-based analysis phase error/failed",
  background: "Background analysis phase error/failed",
  pre: "Blue/green pre-promotion analysis phase error/failed",
  post: "Blue/green post-promotion analysis phase error/failed",
};

function hasPause(ctx: RolloutContext, reason: string): boolean {
  return (ctx.prev.pauseConditions ?? []).some((p) => p.reason === reason);
}

/** needsNewAnalysisRun */
function needsNewRun(ctx: RolloutContext, current: AnalysisRun | undefined): boolean {
  if (!current) return true;
  if (ctx.prev.controllerPause && !hasPause(ctx, "CanaryPauseStep") && !hasPause(ctx, "BlueGreenPause")) {
    return current.status?.phase === "Inconclusive";
  }
  return Boolean(ctx.prev.abortedAt);
}

function createRun(
  ctx: RolloutContext,
  role: Role,
  analysis: RolloutAnalysis,
  infix: string,
  extra: Record<string, string> = {},
) {
  const hashes = { latest: hashOf(ctx.newRS), stable: hashOf(ctx.stableRS) };
  const labels = { [HASH_LABEL]: hashes.latest, [ROLLOUT_TYPE_LABEL]: ROLE_LABEL[role], ...extra };
  const request = rolloutRunRequest(
    ctx.env.store,
    { ...ctx.rollout, kind: "Rollout" },
    analysis,
    hashes,
    infix,
    labels,
  );
  return createRunWithCollisionCounter(ctx.env.store, request);
}

/** setPauseOrAbort */
function judge(ctx: RolloutContext, role: Role, run: AnalysisRun | undefined): void {
  const phase = run?.status?.phase;
  if (phase === "Inconclusive") ctx.pause.addPauseCondition("InconclusiveAnalysisRun");
  if (phase === "Failed" || phase === "Error") {
    const message = run?.status?.message;
    ctx.pause.addAbort(message ? `${ABORT_PREFIX[role]}: ${message}` : ABORT_PREFIX[role]);
  }
}

function stepRun(ctx: RolloutContext): AnalysisRun | undefined {
  const current = ctx.currentArs.step;
  if ((ctx.prev.pauseConditions?.length ?? 0) > 0 || ctx.prev.abort) return current;
  const step = currentCanaryStep(ctx.rollout);
  const index = currentStepIndex(ctx.rollout);
  const fromPreviousStep =
    current !== undefined && current.metadata.labels?.[STEP_INDEX_LABEL] !== String(index);
  if (!step?.analysis || index === undefined || fromPreviousStep) {
    terminateRuns(ctx.env.store, [current]);
    return undefined;
  }
  if (needsNewRun(ctx, current))
    return createRun(ctx, "step", step.analysis, String(index), { [STEP_INDEX_LABEL]: String(index) });
  judge(ctx, "step", current);
  return current;
}

function backgroundRun(ctx: RolloutContext): AnalysisRun | undefined {
  const current = ctx.currentArs.background;
  const analysis = ctx.rollout.spec.strategy?.canary?.analysis;
  if (!analysis?.templates?.length) {
    terminateRuns(ctx.env.store, [current]);
    return undefined;
  }
  const index = currentStepIndex(ctx.rollout) ?? 0;
  const beforeStart = index < (analysis.startingStep ?? 0);
  if (isFullyPromoted(ctx.rollout) || !ctx.prev.stableRS || !ctx.prev.currentPodHash || beforeStart)
    return undefined;
  if (hasPause(ctx, "InconclusiveAnalysisRun")) return current;
  if (needsNewRun(ctx, current)) return createRun(ctx, "background", analysis, "");
  judge(ctx, "background", current);
  return current;
}

function prePromotionRun(ctx: RolloutContext): AnalysisRun | undefined {
  const current = ctx.currentArs.pre;
  const bg = ctx.rollout.spec.strategy?.blueGreen;
  if (!bg?.prePromotionAnalysis) {
    terminateRuns(ctx.env.store, [current]);
    return undefined;
  }
  const hash = hashOf(ctx.newRS);
  const active = ctx.prev.blueGreen?.activeSelector ?? "";
  const previewCount = bg.previewReplicaCount;
  const unsaturated =
    previewCount != null
      ? ctx.newRS?.spec?.replicas !== previewCount ||
        (ctx.newRS?.status?.availableReplicas ?? 0) !== previewCount
      : !ctx.newRS || !isSaturated(ctx, ctx.newRS);
  if (ctx.prev.stableRS === hash || active === "" || active === hash || hash === "" || unsaturated) {
    terminateRuns(ctx.env.store, [current]);
    return current;
  }
  if (hasPause(ctx, "InconclusiveAnalysisRun")) return current;
  return needsNewRun(ctx, current) ? createRun(ctx, "pre", bg.prePromotionAnalysis, "pre") : current;
}

function postPromotionRun(ctx: RolloutContext): AnalysisRun | undefined {
  const current = ctx.currentArs.post;
  const bg = ctx.rollout.spec.strategy?.blueGreen;
  if (!bg?.postPromotionAnalysis) {
    terminateRuns(ctx.env.store, [current]);
    return undefined;
  }
  const hash = hashOf(ctx.newRS);
  const skip =
    ctx.prev.stableRS === hash ||
    ctx.prev.blueGreen?.activeSelector !== hash ||
    hash === "" ||
    !ctx.newRS ||
    !isSaturated(ctx, ctx.newRS);
  if (skip) {
    terminateRuns(ctx.env.store, [current]);
    return current;
  }
  if (hasPause(ctx, "InconclusiveAnalysisRun")) return current;
  return needsNewRun(ctx, current) ? createRun(ctx, "post", bg.postPromotionAnalysis, "post") : current;
}

function setCurrent(ctx: RolloutContext, runs: CurrentAnalysisRuns): void {
  ctx.currentArs = runs;
  const ref = (run: AnalysisRun | undefined) =>
    run
      ? { name: run.metadata.name, status: run.status?.phase ?? "", message: run.status?.message ?? "" }
      : undefined;
  const s = ctx.newStatus;
  if (ctx.rollout.spec.strategy?.canary) {
    s.canary = {
      ...s.canary,
      currentStepAnalysisRunStatus: ref(runs.step),
      currentBackgroundAnalysisRunStatus: ref(runs.background),
    };
  } else {
    s.blueGreen = {
      ...s.blueGreen,
      prePromotionAnalysisRunStatus: ref(runs.pre),
      postPromotionAnalysisRunStatus: ref(runs.post),
    };
  }
}

/** emitAnalysisRunStatusChanges */
function emitChanges(ctx: RolloutContext, runs: CurrentAnalysisRuns): void {
  const prevRefs: Record<Role, { name: string; status?: string | null } | null | undefined> = {
    post: ctx.prev.blueGreen?.postPromotionAnalysisRunStatus,
    pre: ctx.prev.blueGreen?.prePromotionAnalysisRunStatus,
    step: ctx.prev.canary?.currentStepAnalysisRunStatus,
    background: ctx.prev.canary?.currentBackgroundAnalysisRunStatus,
  };
  for (const role of ["post", "pre", "step", "background"] as Role[]) {
    const run = runs[role];
    const phase = run?.status?.phase;
    if (!run || !phase) continue;
    const prev = prevRefs[role];
    if (prev && !(prev.name === run.metadata.name && prev.status !== phase)) continue;
    const message = `${ROLE_LABEL[role]} Analysis Run '${run.metadata.name}' Status New: '${phase}' Previous: '${prev ? (prev.status ?? "") : "NoPreviousStatus"}'`;
    const type = phase === "Failed" || phase === "Error" ? "Warning" : "Normal";
    ctx.env.events.record(ctx.rollout, type, `AnalysisRun${phase}`, message);
  }
}

export function reconcileAnalysisRuns(ctx: RolloutContext): void {
  const aborted = ctx.pause.isAborted();
  const toScaleDownDelay = Boolean(ctx.newRS?.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION]);
  const initialDeploy = !ctx.prev.stableRS;
  if (aborted || ctx.prev.promoteFull || toScaleDownDelay || initialDeploy) {
    setCurrent(ctx, ctx.currentArs);
    terminateRuns(ctx.env.store, [...Object.values(ctx.currentArs), ...ctx.otherArs]);
    return;
  }
  const runs: CurrentAnalysisRuns = {};
  if (ctx.rollout.spec.strategy?.canary) {
    runs.step = stepRun(ctx);
    runs.background = backgroundRun(ctx);
  }
  if (ctx.rollout.spec.strategy?.blueGreen) {
    runs.pre = prePromotionRun(ctx);
    judge(ctx, "pre", runs.pre);
    runs.post = postPromotionRun(ctx);
    judge(ctx, "post", runs.post);
  }
  setCurrent(ctx, runs);
  const keep = new Set(Object.values(runs).map((r) => r?.metadata.name));
  terminateRuns(
    ctx.env.store,
    ctx.otherArs.filter((r) => !keep.has(r.metadata.name)),
  );
  emitChanges(ctx, runs);
}
