// Summaries of the AnalysisRuns that belong to a Rollout (directly, or through its Experiments), with
// the status, counts and jobs the plugin shows for them (info.getAnalysisRunInfo).
import type { AnalysisRole, AnalysisRunSummary } from "../delivery/analysis-summary";
import { ownedBy } from "../kube/pod-summary";
import type { AnalysisRun } from "../schemas/argo/analysis-run";
import type { Experiment } from "../schemas/argo/experiment";
import type { Rollout } from "../schemas/argo/rollout";
import { pluginAnalysisRunOrder } from "./analysis-run-order";
import { experimentAnalysisRuns, ownedExperiments } from "./rollout-experiments";
import { parseRevision, podTemplateHashLabel } from "./rollout-revisions";

const roleByLabel: Record<string, AnalysisRole> = {
  Step: "step",
  Background: "background",
  PrePromotion: "prePromotion",
  PostPromotion: "postPromotion",
};

/** Job-metric measurements (metadata `job-name`) of the run, metric by metric, as the plugin lists them. */
function analysisJobs(run: AnalysisRun): Array<{ name: string; status: string }> {
  const results = run.status?.metricResults ?? [];
  return results.flatMap((result) => {
    // analysisutil.ArrayMeasurement: the measurements of the first result with this metric's name.
    const measurements = results.find((r) => r.name === result.name)?.measurements ?? [];
    return measurements.flatMap((m) => {
      const name = m.metadata?.["job-name"];
      return name === undefined ? [] : [{ name, status: m.phase }];
    });
  });
}

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
  const jobs = analysisJobs(run);
  return {
    name: run.metadata.name,
    role,
    phase: run.status?.phase ?? "",
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
    ...(jobs.length > 0 ? { jobs } : {}),
  };
}

/**
 * The rollout's analysis runs, then each of its Experiments' in the plugin's Experiment order: the
 * runs `get rollout` shows, in the order it shows them.
 */
export function rolloutAnalysisRuns(
  rollout: Rollout,
  runs: AnalysisRun[],
  experiments: Experiment[],
): AnalysisRunSummary[] {
  const owner = { kind: "Rollout", name: rollout.metadata.name, uid: rollout.metadata.uid };
  const direct = ownedBy(runs, owner)
    .sort(pluginAnalysisRunOrder)
    .map((run) =>
      summariseAnalysisRun(run, roleByLabel[run.metadata.labels?.["rollout-type"] ?? ""] ?? "step"),
    );
  const viaExperiments = ownedExperiments(rollout, experiments).flatMap((exp) =>
    experimentAnalysisRuns(exp, runs).map((run) => summariseAnalysisRun(run, "experiment")),
  );
  return [...direct, ...viaExperiments];
}
