// Summaries of the AnalysisRuns that belong to a Rollout (directly, or through its Experiments).
import type { AnalysisRole, AnalysisRunSummary } from "../delivery/analysis-summary";
import { ownedBy } from "../kube/pod-summary";
import type { AnalysisRun } from "../schemas/argo/analysis-run";
import type { Experiment } from "../schemas/argo/experiment";
import type { Rollout } from "../schemas/argo/rollout";
import { parseRevision, podTemplateHashLabel } from "./rollout-revisions";

const roleByLabel: Record<string, AnalysisRole> = {
  Step: "step",
  Background: "background",
  PrePromotion: "prePromotion",
  PostPromotion: "postPromotion",
};

export function summariseAnalysisRun(run: AnalysisRun, role: AnalysisRole): AnalysisRunSummary {
  const results = run.status?.metricResults ?? [];
  const counts = { successful: 0, failed: 0, inconclusive: 0, error: 0 };
  for (const r of results) {
    counts.successful += r.successful ?? 0;
    counts.failed += r.failed ?? 0;
    counts.inconclusive += r.inconclusive ?? 0;
    counts.error += r.error ?? 0;
  }
  const revision = parseRevision(run.metadata.annotations);
  const hash = run.metadata.labels?.[podTemplateHashLabel];
  const startedAt = run.status?.startedAt ?? run.metadata.creationTimestamp;
  return {
    name: run.metadata.name,
    role,
    phase: run.status?.phase || "Pending",
    ...(run.status?.message ? { message: run.status.message } : {}),
    ...(startedAt ? { startedAt } : {}),
    ...(revision !== undefined ? { revision } : {}),
    ...(hash ? { podTemplateHash: hash } : {}),
    counts,
    metrics: (run.spec.metrics ?? []).map((m) => {
      const result = results.find((r) => r.name === m.name);
      return {
        name: m.name,
        phase: result?.phase ?? "Pending",
        measurements: result?.measurements?.length ?? 0,
      };
    }),
  };
}

/** The rollout's analysis runs, newest first. */
export function rolloutAnalysisRuns(
  rollout: Rollout,
  runs: AnalysisRun[],
  experiments: Experiment[],
): AnalysisRunSummary[] {
  const owner = { kind: "Rollout", name: rollout.metadata.name, uid: rollout.metadata.uid };
  const direct = ownedBy(runs, owner).map((run) =>
    summariseAnalysisRun(run, roleByLabel[run.metadata.labels?.["rollout-type"] ?? ""] ?? "step"),
  );
  const viaExperiments = ownedBy(experiments, owner).flatMap((exp) =>
    ownedBy(runs, { kind: "Experiment", name: exp.metadata.name, uid: exp.metadata.uid }).map((run) =>
      summariseAnalysisRun(run, "experiment"),
    ),
  );
  return [...direct, ...viaExperiments].sort(
    (a, b) => (b.startedAt ?? "").localeCompare(a.startedAt ?? "") || a.name.localeCompare(b.name),
  );
}
