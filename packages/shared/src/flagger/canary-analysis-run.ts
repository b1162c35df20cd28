// A Flagger canary's analysis as one run summary, so the overview's Analysis column and the
// needs-attention view treat it like an Argo AnalysisRun. Flagger keeps no run object: the run is the
// canary's status while it analyses, and its failed checks count against the threshold.
import type { AnalysisRunSummary } from "../delivery/analysis-summary";
import type { Canary } from "../schemas/flagger/canary";
import { analysisThreshold } from "./canary-analysis";
import { flaggerPhase } from "./canary-phase";

/** Flagger phase → run phase; phases before the first analysis and after deletion have no run. */
const runPhaseByCanaryPhase: Record<string, string> = {
  Progressing: "Running",
  WaitingPromotion: "Successful",
  Promoting: "Successful",
  Finalising: "Successful",
  Succeeded: "Successful",
  Failed: "Failed",
};

export function canaryAnalysisRun(canary: Canary): AnalysisRunSummary | undefined {
  const phase = runPhaseByCanaryPhase[flaggerPhase(canary)];
  if (!phase) return undefined;
  const failed = canary.status?.failedChecks ?? 0;
  const threshold = analysisThreshold(canary);
  const message = failed > 0 ? `${failed} of ${threshold} failed checks` : undefined;
  return {
    name: `${canary.metadata.name} analysis`,
    role: "flagger",
    phase,
    ...(message ? { message } : {}),
    counts: { successful: 0, failed, inconclusive: 0, error: 0 },
    metrics: [],
  };
}
