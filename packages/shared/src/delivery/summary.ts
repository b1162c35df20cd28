// The slice of a Delivery the overview table needs: small enough to list thousands and stream changes.
import type { AnalysisRunSummary } from "./analysis-summary";
import type { Delivery } from "./delivery";

export type DeliverySummary = Omit<Delivery, "timeline" | "revisions" | "conditions" | "analysisRuns"> & {
  /** The newest analysis run, if any. */
  analysis?: Pick<AnalysisRunSummary, "name" | "role" | "phase" | "message"> & { failedMeasurements: number };
  revisionCount: number;
};

export function toSummary(d: Delivery): DeliverySummary {
  const { timeline: _t, revisions, conditions: _c, analysisRuns, ...rest } = d;
  const newest = analysisRuns[0];
  return {
    ...rest,
    ...(newest
      ? {
          analysis: {
            name: newest.name,
            role: newest.role,
            phase: newest.phase,
            ...(newest.message ? { message: newest.message } : {}),
            failedMeasurements: newest.counts.failed,
          },
        }
      : {}),
    revisionCount: revisions.length,
  };
}

/**
 * Needs a person's attention: degraded, waiting for a person, or analysis failing or inconclusive.
 * A run still in progress is failing once it has failed measurements (Flagger: failed checks), even
 * before it reaches its failure limit.
 */
export function needsAttention(d: Pick<DeliverySummary, "phase" | "waitingForPerson" | "analysis">): boolean {
  const a = d.analysis;
  return (
    d.phase === "degraded" ||
    d.waitingForPerson ||
    a?.phase === "Failed" ||
    a?.phase === "Error" ||
    a?.phase === "Inconclusive" ||
    (a?.phase === "Running" && a.failedMeasurements > 0)
  );
}
