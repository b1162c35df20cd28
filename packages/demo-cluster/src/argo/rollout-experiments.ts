// The Rollout's side of experiment steps (rollout/experiment.go): create the Experiment for the
// current step (`<rollout>-<hash>-<revision>-<stepIndex>`), follow its phase (Failed/Error abort the
// rollout, Inconclusive pauses it) and terminate experiments that are no longer wanted.
import type { AnalysisArg, Experiment } from "@rollscope/shared";
import { currentCanaryStep, currentStepIndex } from "@rollscope/shared";
import type { DemoStore, RawObject } from "../demo-store";
import { isCompletedPhase } from "./analysis-evaluate";
import { buildRolloutArgs } from "./analysis-run-factory";
import { HASH_LABEL, hashOf, keyOf, parsed, REVISION_ANNOTATION } from "./kube-objects";
import { ownedMetadata } from "./owned-objects";
import type { RolloutContext } from "./rollout-context";
import { terminateUnfinished } from "./terminate-unfinished";

function terminateExperiments(store: DemoStore, experiments: ReadonlyArray<Experiment | undefined>): void {
  terminateUnfinished(store, "Experiment", experiments);
}

function createExperiment(ctx: RolloutContext, index: number): Experiment | undefined {
  const step = currentCanaryStep(ctx.rollout)?.experiment;
  const { newRS, stableRS, rollout } = ctx;
  if (!step || !newRS || !stableRS) return undefined;
  const revision = rollout.metadata.annotations?.[REVISION_ANNOTATION] ?? "";
  const hashes = { latest: hashOf(newRS), stable: hashOf(stableRS) };
  const templates = (step.templates ?? []).map((t) => {
    const source = t.specRef === "stable" ? stableRS : newRS;
    return {
      name: t.name,
      replicas: t.replicas ?? 1,
      template: structuredClone(source.spec?.template ?? {}),
      selector: structuredClone(source.spec?.selector ?? {}),
    };
  });
  const analyses = (step.analyses ?? []).map((a) => ({
    name: a.name,
    templateName: a.templateName,
    ...(a.clusterScope ? { clusterScope: true } : {}),
    args: buildRolloutArgs((a as { args?: AnalysisArg[] }).args ?? [], rollout, hashes),
    ...((a as { requiredForCompletion?: boolean }).requiredForCompletion
      ? { requiredForCompletion: true }
      : {}),
  }));
  const base = `${rollout.metadata.name}-${ctx.hash}-${revision}-${index}`;
  const { store } = ctx.env;
  for (let collision = 0; ; collision++) {
    const name = collision === 0 ? base : `${base}-${collision}`;
    const raw: RawObject = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Experiment",
      metadata: ownedMetadata(
        { kind: "Rollout", metadata: rollout.metadata },
        name,
        { ...(rollout.metadata.labels ?? {}), [HASH_LABEL]: ctx.hash },
        { [REVISION_ANNOTATION]: revision },
      ),
      spec: {
        ...(step.duration ? { duration: step.duration } : {}),
        ...(rollout.spec.progressDeadlineSeconds
          ? { progressDeadlineSeconds: rollout.spec.progressDeadlineSeconds }
          : {}),
        templates,
        ...(analyses.length > 0 ? { analyses } : {}),
      },
    };
    const existing = parsed("Experiment", store.get(keyOf(raw)));
    if (existing && !isCompletedPhase(existing.status?.phase)) return existing;
    if (existing) continue;
    const created = parsed("Experiment", store.create(raw));
    if (created) ctx.env.events.normal(rollout, "ExperimentCreated", `Created Experiment '${name}'`);
    return created;
  }
}

export function reconcileExperiments(ctx: RolloutContext): void {
  const { store } = ctx.env;
  if (ctx.pause.isAborted() || ctx.prev.promoteFull) {
    terminateExperiments(store, [...ctx.otherExs, ctx.currentEx]);
    return;
  }
  if ((ctx.prev.pauseConditions ?? []).some((p) => p.reason === "InconclusiveAnalysisRun")) return;
  const step = currentCanaryStep(ctx.rollout);
  const index = currentStepIndex(ctx.rollout) ?? 0;
  let current = ctx.currentEx;
  if (step?.experiment) {
    current ??= createExperiment(ctx, index);
    switch (current?.status?.phase) {
      case "Inconclusive":
        ctx.pause.addPauseCondition("InconclusiveExperiment");
        break;
      case "Failed":
      case "Error":
        ctx.pause.addAbort(current.status?.message ?? "");
        break;
      case "Successful":
        break; // the step completes; the status no longer names it
      default:
        if (current)
          ctx.newStatus.canary = { ...ctx.newStatus.canary, currentExperiment: current.metadata.name };
    }
  }
  const others = [...ctx.otherExs];
  if (current && !step?.experiment) others.push(current);
  terminateExperiments(store, others);
}
