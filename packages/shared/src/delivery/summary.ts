// The slice of a Delivery the overview table needs: small enough to list thousands and stream changes.
import type { AnalysisRunSummary } from "./analysis-summary";
import type { Delivery } from "./delivery";

export type DeliverySummary = Omit<
  Delivery,
  "timeline" | "revisions" | "conditions" | "analysisRuns" | "experiments"
> & {
  /** The newest analysis run, if any. */
  analysis?: Pick<AnalysisRunSummary, "name" | "role" | "phase" | "message"> & { failedMeasurements: number };
  revisionCount: number;
};

/** The run started last, first by name among equals (the list is in the plugin's order, by revision). */
function newestRun(runs: AnalysisRunSummary[]): AnalysisRunSummary | undefined {
  let newest: AnalysisRunSummary | undefined;
  for (const run of runs) {
    const later = newest ? (run.startedAt ?? "").localeCompare(newest.startedAt ?? "") : 1;
    if (later > 0 || (later === 0 && newest && run.name.localeCompare(newest.name) < 0)) newest = run;
  }
  return newest;
}

/**
 * The only action the overview offers on a row; the delivery page has them all. Each availability
 * carries a reason, so sending every action made up about 40% of a row.
 */
const overviewActions = new Set(["promote"]);

export function toSummary(d: Delivery): DeliverySummary {
  const { timeline: _t, revisions, conditions: _c, analysisRuns, experiments: _e, ...rest } = d;
  const newest = newestRun(analysisRuns);
  return {
    ...rest,
    actions: rest.actions.filter((a) => overviewActions.has(a.action)),
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
