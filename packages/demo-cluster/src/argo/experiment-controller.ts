// The Experiment controller (experiments/experiment.go), simplified: one ReplicaSet per template,
// Pending until they are available, then Running for spec.duration with its analyses, then the
// templates scale down and the Experiment takes the worst phase of its analyses.
import { type Experiment, parseGoDuration } from "@rollscope/shared";
import { isCompletedPhase } from "./analysis-evaluate";
import {
  AnalysisSetupError,
  createRunWithCollisionCounter,
  runSpecFromTemplates,
  terminateRuns,
} from "./analysis-run-factory";
import { parseTimestamp } from "./clock";
import { podTemplateHash } from "./hashing";
import {
  asRaw,
  clone,
  compact,
  EXPERIMENT_NAME_ANNOTATION,
  EXPERIMENT_TEMPLATE_ANNOTATION,
  isControlledBy,
  keyOf,
  parsed,
} from "./kube-objects";
import { replicaSetFromTemplate } from "./owned-objects";
import type { ControllerEnv } from "./rollout-context";

type ExperimentStatus = NonNullable<Experiment["status"]>;
type RunStatus = NonNullable<ExperimentStatus["analysisRuns"]>[number];

const TEMPLATE_ORDER = ["Successful", "Running", "Progressing", "Error", "Failed"];
const ANALYSIS_ORDER = ["Successful", "Running", "Pending", "Inconclusive", "Error", "Failed"];

export class ExperimentController {
  constructor(private readonly env: ControllerEnv) {}

  tick(): void {
    for (const raw of this.env.store.list("Experiment")) {
      const ex = parsed("Experiment", raw);
      if (ex) this.reconcile(ex);
    }
  }

  private reconcile(ex: Experiment): void {
    const { clock } = this.env;
    const status: ExperimentStatus = clone(ex.status ?? {});
    const done = isCompletedPhase(status.phase);
    if (!status.phase) status.phase = "Pending";
    const availableAt = parseTimestamp(status.availableAt);
    const duration = parseGoDuration(ex.spec.duration);
    const expired =
      availableAt !== undefined && duration !== undefined && clock.nowMs() > availableAt + duration * 1000;
    const terminating = done || Boolean(ex.spec.terminate) || expired;
    status.templateStatuses = (ex.spec.templates ?? []).map((t) =>
      this.reconcileTemplate(ex, t, terminating),
    );
    if (done) {
      this.write(ex, status);
      return;
    }
    let worstTemplate = "Successful";
    for (const t of status.templateStatuses) {
      if (TEMPLATE_ORDER.indexOf(t.status ?? "") > TEMPLATE_ORDER.indexOf(worstTemplate))
        worstTemplate = t.status ?? "";
    }
    const templatePhase = worstTemplate === "Progressing" ? "Pending" : worstTemplate;
    if (templatePhase === "Running" && !status.availableAt) status.availableAt = clock.timestamp();
    status.analysisRuns = (ex.spec.analyses ?? []).map((a) =>
      this.reconcileAnalysis(ex, status, a, terminating),
    );
    let analysesPhase = "Successful";
    let analysesMessage = "";
    for (const run of status.analysisRuns) {
      if (ANALYSIS_ORDER.indexOf(run.phase ?? "") > ANALYSIS_ORDER.indexOf(analysesPhase)) {
        analysesPhase = run.phase ?? "";
        analysesMessage = run.message ?? "";
      }
    }
    if (analysesPhase === "Pending") analysesPhase = "Running";
    if (isCompletedPhase(templatePhase)) {
      const useAnalyses = templatePhase === "Successful" && isCompletedPhase(analysesPhase);
      status.phase = useAnalyses ? analysesPhase : templatePhase;
      status.message = useAnalyses ? analysesMessage : "";
    } else if (isCompletedPhase(analysesPhase) && analysesPhase !== "Successful") {
      status.phase = analysesPhase;
      status.message = analysesMessage;
    } else {
      status.phase = templatePhase;
    }
    this.write(ex, status);
  }

  private reconcileTemplate(
    ex: Experiment,
    t: NonNullable<Experiment["spec"]["templates"]>[number],
    terminating: boolean,
  ) {
    const { store } = this.env;
    const hash = podTemplateHash(t.template ?? {});
    const name = `${ex.metadata.name}-${t.name}-${hash}`;
    const namespace = ex.metadata.namespace ?? "default";
    const desired = terminating ? 0 : (t.replicas ?? 1);
    let rs = store.get({ kind: "ReplicaSet", namespace, name });
    if (!rs) {
      const selector = (t as { selector?: { matchLabels?: Record<string, string> } }).selector;
      const raw = replicaSetFromTemplate({
        owner: { kind: "Experiment", metadata: ex.metadata },
        name,
        template: t.template ?? {},
        hash,
        selector: selector?.matchLabels,
        replicas: desired,
        annotations: {
          [EXPERIMENT_NAME_ANNOTATION]: ex.metadata.name,
          [EXPERIMENT_TEMPLATE_ANNOTATION]: t.name,
        },
      });
      rs = store.create(raw);
    } else if (rs.spec?.replicas !== desired) {
      rs = store.update({ ...rs, spec: { ...rs.spec, replicas: desired } });
    }
    const st = (rs.status ?? {}) as { replicas?: number; readyReplicas?: number; availableReplicas?: number };
    const replicas = st.replicas ?? 0;
    const available = st.availableReplicas ?? 0;
    const previous = ex.status?.templateStatuses?.find((s) => s.name === t.name);
    let code = available >= desired && desired > 0 ? "Running" : "Progressing";
    if (terminating) code = replicas === 0 ? "Successful" : "Running";
    return {
      name: t.name,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: st.readyReplicas ?? 0,
      availableReplicas: available,
      podTemplateHash: hash,
      status: code,
      lastTransitionTime:
        previous?.status === code
          ? ((previous as { lastTransitionTime?: string }).lastTransitionTime ?? this.env.clock.timestamp())
          : this.env.clock.timestamp(),
    };
  }

  private reconcileAnalysis(
    ex: Experiment,
    status: ExperimentStatus,
    a: NonNullable<Experiment["spec"]["analyses"]>[number],
    terminating: boolean,
  ): RunStatus {
    const { store, events } = this.env;
    const prev = ex.status?.analysisRuns?.find((r) => r.name === a.name) ?? { name: a.name };
    const next: RunStatus = { ...prev };
    const namespace = ex.metadata.namespace ?? "default";
    if (!status.availableAt) return next;
    if (!prev.analysisRun) {
      if (terminating) return next;
      try {
        const args = (a.args ?? []).map((x) => ({
          name: x.name,
          ...(x.value != null ? { value: x.value } : {}),
        }));
        const spec = runSpecFromTemplates(store, namespace, [a], args);
        const run = createRunWithCollisionCounter(store, {
          owner: { kind: "Experiment", metadata: ex.metadata },
          name: `${ex.metadata.name}-${a.name}`,
          labels: {},
          spec,
        });
        next.analysisRun = run.metadata.name;
        next.phase = "Pending";
      } catch (error) {
        if (!(error instanceof AnalysisSetupError)) throw error;
        next.phase = "Error";
        next.message = `Failed to create AnalysisRun for analysis '${a.name}': ${error.message}`;
      }
    } else if (!isCompletedPhase(prev.phase)) {
      const run = parsed(
        "AnalysisRun",
        store.get({ kind: "AnalysisRun", namespace, name: prev.analysisRun }),
      );
      if (terminating) terminateRuns(store, [run]);
      else if (run) {
        next.phase = run.status?.phase || "Pending";
        next.message = run.status?.message ?? "";
      }
    }
    if (next.phase && next.phase !== prev.phase) {
      let msg = `AnalysisRun '${a.name}' transitioned from ${prev.phase ?? ""} -> ${next.phase}`;
      if (next.message) msg += `: ${next.message}`;
      const warn = next.phase === "Failed" || next.phase === "Error" || next.phase === "Inconclusive";
      events.record(
        { kind: "Experiment", metadata: ex.metadata },
        warn ? "Warning" : "Normal",
        `AnalysisRun${next.phase}`,
        msg,
      );
      const owner = ex.metadata.ownerReferences?.find((r) => r.kind === "Rollout" && r.controller);
      const rollout = owner && store.get({ kind: "Rollout", namespace, name: owner.name });
      if (rollout && isControlledBy(ex, rollout.metadata.uid))
        events.warning(rollout, `AnalysisRun${next.phase}`, msg);
    }
    return next;
  }

  private write(ex: Experiment, status: ExperimentStatus): void {
    if (JSON.stringify(compact(status)) === JSON.stringify(compact(ex.status ?? {}))) return;
    this.env.store.updateStatus(
      keyOf(asRaw({ ...ex, kind: "Experiment" })),
      compact(status) as Record<string, unknown>,
    );
  }
}
