// The step timeline of a Rollout: canary steps as written in the spec, or the blue-green sequence
// (pre-promotion analysis, pause, switch, post-promotion analysis), each marked done/current/pending.
import type { TimelineItem } from "../delivery/timeline";
import type { AnalysisRun } from "../schemas/argo/analysis-run";
import type { Experiment } from "../schemas/argo/experiment";
import type { Rollout } from "../schemas/argo/rollout";
import type { CanaryStep } from "../schemas/argo/rollout-steps";
import { parseGoDuration } from "../time/go-duration";
import { canarySteps, currentStepIndex } from "./canary-steps";
import { isFullyPromoted } from "./rollout-phase";
import { podTemplateHashLabel, revisionAnnotation } from "./rollout-revisions";
import { rolloutStrategy } from "./rollout-strategy";

type Item = TimelineItem;
type StepState = Item["state"];

function templateNames(
  templates: ReadonlyArray<{ templateName?: string | null }> | null | undefined,
): string[] {
  return (templates ?? []).map((t) => t.templateName ?? "").filter((n) => n !== "");
}

function addSeconds(iso: string | null | undefined, seconds: number | undefined): string | undefined {
  if (!iso || seconds === undefined) return undefined;
  const start = Date.parse(iso);
  return Number.isNaN(start) ? undefined : new Date(start + seconds * 1000).toISOString();
}

/** The step analysis run for step `index` of the current pod hash, if the controller created one. */
function stepRun(rollout: Rollout, runs: AnalysisRun[], index: number, isCurrent: boolean) {
  const current = rollout.status?.canary?.currentStepAnalysisRunStatus;
  if (isCurrent && current?.name) {
    return {
      name: current.name,
      phase: current.status ?? "Pending",
      ...(current.message ? { message: current.message } : {}),
    };
  }
  const hash = rollout.status?.currentPodHash;
  const run = runs.find(
    (r) =>
      r.metadata.labels?.["rollout-type"] === "Step" &&
      r.metadata.labels?.["step-index"] === String(index) &&
      (!hash || r.metadata.labels?.[podTemplateHashLabel] === hash),
  );
  if (!run) return undefined;
  return {
    name: run.metadata.name,
    phase: run.status?.phase ?? "", // as the plugin shows a run the controller has not written yet
    ...(run.status?.message ? { message: run.status.message } : {}),
  };
}

/**
 * The Experiment of experiment step `index`: the one the status names while the step runs, else the
 * one the controller created for this pod hash and step (`<rollout>-<hash>-<revision>-<index>`).
 */
function stepExperiment(rollout: Rollout, experiments: Experiment[], index: number, isCurrent: boolean) {
  const named = isCurrent ? rollout.status?.canary?.currentExperiment : undefined;
  const hash = rollout.status?.currentPodHash;
  const revision = rollout.metadata.annotations?.[revisionAnnotation];
  const stepName = `${rollout.metadata.name}-${hash}-${revision}-${index}`;
  const ofThisStep = (e: Experiment) =>
    e.metadata.labels?.[podTemplateHashLabel] === hash &&
    (e.metadata.name === stepName || e.metadata.name.startsWith(`${stepName}-`));
  const experiment = named
    ? experiments.find((e) => e.metadata.name === named)
    : hash === undefined || revision === undefined
      ? undefined
      : experiments
          .filter(ofThisStep)
          .sort((a, b) =>
            (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? ""),
          )[0];
  if (!experiment) return named ? { name: named, phase: "Pending" } : undefined;
  const message = experiment.status?.message;
  return {
    name: experiment.metadata.name,
    // As the plugin shows it: "" until the controller writes a status.
    phase: experiment.status?.phase ?? "",
    ...(message ? { message } : {}),
  };
}

interface TimelineObjects {
  analysisRuns: AnalysisRun[];
  experiments: Experiment[];
}

function canaryStepItem(
  rollout: Rollout,
  step: CanaryStep,
  index: number,
  state: StepState,
  { analysisRuns: runs, experiments }: TimelineObjects,
): Item {
  const base = { index, state };
  if (step.setWeight !== undefined && step.setWeight !== null)
    return { ...base, type: "setWeight", weight: step.setWeight };
  if (step.pause) {
    const durationSeconds = parseGoDuration(step.pause.duration ?? undefined);
    const pause = rollout.status?.pauseConditions?.find((p) => p.reason === "CanaryPauseStep");
    const startedAt = state === "current" ? (pause?.startTime ?? undefined) : undefined;
    const endsAt = addSeconds(startedAt, durationSeconds);
    return {
      ...base,
      type: "pause",
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
      ...(startedAt ? { startedAt } : {}),
      ...(endsAt ? { endsAt } : {}),
    };
  }
  if (step.analysis) {
    const run = state === "pending" ? undefined : stepRun(rollout, runs, index, state === "current");
    return {
      ...base,
      type: "analysis",
      templates: templateNames(step.analysis.templates),
      ...(run ? { run } : {}),
    };
  }
  if (step.experiment) {
    const run =
      state === "pending" ? undefined : stepExperiment(rollout, experiments, index, state === "current");
    const durationSeconds = parseGoDuration(step.experiment.duration ?? undefined);
    return {
      ...base,
      type: "experiment",
      templates: (step.experiment.templates ?? []).map((t) => t.name),
      analyses: (step.experiment.analyses ?? []).map((a) => a.name),
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
      ...(run ? { run } : {}),
    };
  }
  if (step.setCanaryScale) {
    const s = step.setCanaryScale;
    return {
      ...base,
      type: "setCanaryScale",
      ...(s.weight != null ? { weight: s.weight } : {}),
      ...(s.replicas != null ? { replicas: s.replicas } : {}),
      ...(s.matchTrafficWeight != null ? { matchTrafficWeight: s.matchTrafficWeight } : {}),
    };
  }
  if (step.setHeaderRoute) return { ...base, type: "setHeaderRoute", route: step.setHeaderRoute.name };
  if (step.setMirrorRoute) {
    const p = step.setMirrorRoute.percentage;
    return {
      ...base,
      type: "setMirrorRoute",
      route: step.setMirrorRoute.name,
      ...(p != null ? { percentage: p } : {}),
    };
  }
  if (step.plugin) return { ...base, type: "plugin", plugin: step.plugin.name };
  return { ...base, type: "plugin", plugin: "unknown step" };
}

function canaryTimeline(rollout: Rollout, objects: TimelineObjects): Item[] {
  const steps = canarySteps(rollout);
  const index = currentStepIndex(rollout) ?? 0;
  return steps.map((step, i) => {
    const state: StepState = i < index ? "done" : i === index ? "current" : "pending";
    return canaryStepItem(rollout, step, i, state, objects);
  });
}

function blueGreenTimeline(rollout: Rollout): Item[] {
  const bg = rollout.spec.strategy?.blueGreen;
  const status = rollout.status ?? {};
  if (!bg) return [];
  const promoted = isFullyPromoted(rollout) && status.blueGreen?.activeSelector === status.currentPodHash;
  const switched =
    Boolean(status.currentPodHash) && status.blueGreen?.activeSelector === status.currentPodHash;
  const pausedForPromotion = status.pauseConditions?.find((p) => p.reason === "BlueGreenPause");
  const items: Item[] = [];
  const stateOf = (done: boolean, current: boolean): StepState =>
    done ? "done" : current ? "current" : "pending";

  const pre = status.blueGreen?.prePromotionAnalysisRunStatus;
  if (bg.prePromotionAnalysis) {
    const done = switched || pre?.status === "Successful";
    items.push({
      index: items.length,
      state: stateOf(done, !done && Boolean(pre)),
      type: "analysis",
      templates: templateNames(bg.prePromotionAnalysis.templates),
      ...(pre
        ? {
            run: {
              name: pre.name,
              phase: pre.status ?? "Pending",
              ...(pre.message ? { message: pre.message } : {}),
            },
          }
        : {}),
    });
  }
  const autoSeconds = bg.autoPromotionEnabled === false ? undefined : (bg.autoPromotionSeconds ?? undefined);
  const pauseItem: Item = {
    index: items.length,
    state: stateOf(switched, Boolean(pausedForPromotion)),
    type: "pause",
    ...(autoSeconds !== undefined ? { durationSeconds: autoSeconds } : {}),
  };
  if (pausedForPromotion?.startTime && pauseItem.type === "pause") {
    pauseItem.startedAt = pausedForPromotion.startTime;
    const endsAt = addSeconds(pausedForPromotion.startTime, autoSeconds);
    if (endsAt) pauseItem.endsAt = endsAt;
  }
  // Auto-promotion with no delay never pauses: only show the pause when it can happen.
  if (bg.autoPromotionEnabled === false || autoSeconds !== undefined || pausedForPromotion)
    items.push(pauseItem);
  items.push({ index: items.length, state: stateOf(switched, false), type: "promotion" });
  const post = status.blueGreen?.postPromotionAnalysisRunStatus;
  if (bg.postPromotionAnalysis) {
    items.push({
      index: items.length,
      state: stateOf(promoted, switched && !promoted),
      type: "analysis",
      templates: templateNames(bg.postPromotionAnalysis.templates),
      ...(post
        ? {
            run: {
              name: post.name,
              phase: post.status ?? "Pending",
              ...(post.message ? { message: post.message } : {}),
            },
          }
        : {}),
    });
  }
  return items;
}

export function rolloutTimeline(rollout: Rollout, objects: TimelineObjects): Item[] {
  // The strategy the plugin shows: canary wins when a spec names both.
  if (rolloutStrategy(rollout) === "blueGreen") return blueGreenTimeline(rollout);
  return canaryTimeline(rollout, objects);
}
