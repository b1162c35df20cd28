// The Experiments of a Rollout as the plugin shows them (info.getExperimentInfo / NewExperimentInfo):
// status and message as written, revision, and the ReplicaSets and AnalysisRuns each one owns.
import type { ExperimentSummary } from "../delivery/delivery";
import { ownedBy } from "../kube/pod-summary";
import type { AnalysisRun } from "../schemas/argo/analysis-run";
import type { Experiment } from "../schemas/argo/experiment";
import type { Rollout } from "../schemas/argo/rollout";
import type { Pod } from "../schemas/kube/pod";
import type { ReplicaSet } from "../schemas/kube/replica-set";
import { pluginAnalysisRunOrder } from "./analysis-run-order";
import { compareGoStrings, compareGoTimes } from "./go-order";
import { byRevisionThenName, parseRevision, replicaSetRevision } from "./rollout-revisions";

/**
 * Highest revision first, then oldest, then by name. The plugin's own comparator ("a's revision is
 * higher, or a is older") is not an ordering when a lower revision is older, so its result then
 * depends on the order the informer lists Experiments in; this is the order it gives whenever it
 * does not.
 */
function byRevisionThenAge(a: Experiment, b: Experiment): number {
  return (
    (parseRevision(b.metadata.annotations) ?? 0) - (parseRevision(a.metadata.annotations) ?? 0) ||
    compareGoTimes(a.metadata.creationTimestamp, b.metadata.creationTimestamp) ||
    compareGoStrings(a.metadata.name, b.metadata.name)
  );
}

/** The Rollout's own Experiments in the plugin's order. */
export function ownedExperiments(rollout: Rollout, experiments: Experiment[]): Experiment[] {
  const owner = { kind: "Rollout", name: rollout.metadata.name, uid: rollout.metadata.uid };
  return ownedBy(experiments, owner).sort(byRevisionThenAge);
}

/** The AnalysisRuns an Experiment owns, in the plugin's order. */
export function experimentAnalysisRuns(experiment: Experiment, analysisRuns: AnalysisRun[]): AnalysisRun[] {
  const owner = { kind: "Experiment", name: experiment.metadata.name, uid: experiment.metadata.uid };
  return ownedBy(analysisRuns, owner).sort(pluginAnalysisRunOrder);
}

export function rolloutExperiments(
  rollout: Rollout,
  experiments: Experiment[],
  replicaSets: ReplicaSet[],
  pods: Pod[],
  analysisRuns: AnalysisRun[],
): ExperimentSummary[] {
  return ownedExperiments(rollout, experiments).map((exp) => {
    const expOwner = { kind: "Experiment", name: exp.metadata.name, uid: exp.metadata.uid };
    const revision = parseRevision(exp.metadata.annotations);
    const message = exp.status?.message;
    return {
      name: exp.metadata.name,
      ...(revision !== undefined ? { revision } : {}),
      status: exp.status?.phase ?? "",
      ...(message ? { message } : {}),
      // Experiment ReplicaSets carry no role tags; their images are tagged by template instead.
      replicaSets: ownedBy(replicaSets, expOwner)
        .map((rs) => replicaSetRevision(rs, pods, []))
        .sort(byRevisionThenName),
      analysisRuns: experimentAnalysisRuns(exp, analysisRuns).map((run) => run.metadata.name),
    };
  });
}
