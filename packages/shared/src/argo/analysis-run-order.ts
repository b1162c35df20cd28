// The order the plugin lists one owner's AnalysisRuns in (info.getAnalysisRunInfo).
import type { AnalysisRun } from "../schemas/argo/analysis-run";
import { compareGoStrings, compareGoTimes } from "./go-order";
import { parseRevision } from "./rollout-revisions";

/** The plugin's order of one owner's runs: highest revision first, then oldest, then name descending. */
export function pluginAnalysisRunOrder(a: AnalysisRun, b: AnalysisRun): number {
  return (
    (parseRevision(b.metadata.annotations) ?? 0) - (parseRevision(a.metadata.annotations) ?? 0) ||
    compareGoTimes(a.metadata.creationTimestamp, b.metadata.creationTimestamp) ||
    compareGoStrings(b.metadata.name, a.metadata.name)
  );
}
