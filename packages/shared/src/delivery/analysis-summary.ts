// What the overview and the timeline need to know of an analysis run. The full run (every
// measurement) is served separately by the API.
export type AnalysisRole =
  | "step"
  | "background"
  | "prePromotion"
  | "postPromotion"
  | "experiment"
  | "flagger";

export interface AnalysisRunSummary {
  name: string;
  role: AnalysisRole;
  /** status.phase; Argo: "" until the controller has written a status. */
  phase: string;
  message?: string;
  startedAt?: string;
  revision?: number;
  podTemplateHash?: string;
  /** Counts over all metrics: successful, failed, inconclusive, error measurements. */
  counts: { successful: number; failed: number; inconclusive: number; error: number };
  metrics: Array<{ name: string; phase: string; measurements: number }>;
  /** Argo: the Jobs of job-metric measurements, with the measurement's phase (as `get rollout` lists them). */
  jobs?: Array<{ name: string; status: string }>;
}
