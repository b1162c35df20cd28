// The slice of a Delivery the overview table needs: small enough to list thousands and stream changes.
import type { AnalysisRunSummary } from "./analysis-summary";
import type { Delivery } from "./delivery";

export type DeliverySummary = Omit<Delivery, "timeline" | "revisions" | "conditions" | "analysisRuns"> & {
  /** The newest analysis run, if any. */
  analysis?: Pick<AnalysisRunSummary, "name" | "role" | "phase" | "message">;
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
          },
        }
      : {}),
    revisionCount: revisions.length,
  };
}

/** Needs a person's attention: degraded, waiting for a person, or analysis failing/inconclusive. */
export function needsAttention(d: Pick<DeliverySummary, "phase" | "waitingForPerson" | "analysis">): boolean {
  return (
    d.phase === "degraded" ||
    d.waitingForPerson ||
    d.analysis?.phase === "Failed" ||
    d.analysis?.phase === "Error" ||
    d.analysis?.phase === "Inconclusive"
  );
}
