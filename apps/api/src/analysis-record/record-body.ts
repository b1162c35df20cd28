// What one analysis_records row keeps in its `body` column, and the zod schemas it is read back
// with. Argo rows keep the AnalysisRunDetail the live panel draws (measurements, conditions, args
// rendered into the query, the failure budget) and the run's role; Flagger rows keep the metric
// definitions with their thresholds and every check Rollscope saw the canary make.
import type { AnalysisRole, AnalysisRunDetail, FlaggerMetricDetail } from "@rollscope/shared";
import { z } from "zod";

const analysisRoles = [
  "step",
  "background",
  "prePromotion",
  "postPromotion",
  "experiment",
  "flagger",
] as const satisfies readonly AnalysisRole[];

/** The parts of AnalysisRunDetail the record relies on; the rest is kept as written. */
const metricDetailSchema = z.looseObject({
  name: z.string(),
  phase: z.string(),
  measurements: z.array(z.looseObject({ phase: z.string() })),
});
const analysisRunDetailSchema = z.looseObject({
  name: z.string(),
  role: z.enum(analysisRoles),
  phase: z.string(),
  metrics: z.array(metricDetailSchema),
});

export const argoRecordBodySchema = z.object({
  role: z.enum(analysisRoles),
  detail: analysisRunDetailSchema.transform((d) => d as unknown as AnalysisRunDetail),
  /** Experiments only: the analyses it ran and the templates it started. */
  experiment: z
    .object({
      templates: z.array(z.object({ name: z.string(), status: z.string().optional() })),
      analyses: z.array(
        z.object({ name: z.string(), analysisRun: z.string().optional(), phase: z.string().optional() }),
      ),
    })
    .optional(),
});
export type ArgoRecordBody = Omit<z.output<typeof argoRecordBodySchema>, "detail"> & {
  detail: AnalysisRunDetail;
};

/**
 * One metric check of a Flagger canary as Rollscope saw it: the analysis advanced (weight or
 * iteration up: every metric passed) or failedChecks went up (a metric failed). A failed check's
 * `value` is Flagger's own text from its "Halt … advancement" Event; Flagger reports none for a
 * passing check, so its value is sampled from the cluster's Prometheus with the metric's query at the
 * check's time (absent when no Prometheus is configured or it had no sample).
 */
export const flaggerCheckSchema = z.object({
  metric: z.string(),
  at: z.string(),
  passed: z.boolean(),
  value: z.string().optional(),
  /** The bound: "min 99%", "max 500ms", or the one broken as Flagger wrote it ("< 99%"). */
  threshold: z.string().optional(),
  weight: z.number().optional(),
  iterations: z.number().optional(),
  failedChecks: z.number().optional(),
  /** Flagger's message when the check failed. */
  message: z.string().optional(),
});
export type FlaggerCheck = z.infer<typeof flaggerCheckSchema>;

const flaggerMetricSchema = z.looseObject({
  name: z.string(),
  provider: z.string(),
  intervalSeconds: z.number(),
  windowSeconds: z.number(),
});

export const flaggerRecordBodySchema = z.object({
  metrics: z.array(flaggerMetricSchema.transform((m) => m as unknown as FlaggerMetricDetail)),
  /** Failed checks that roll the canary back (spec.analysis.threshold). */
  threshold: z.number(),
  failedChecks: z.number(),
  weight: z.number().optional(),
  iterations: z.number().optional(),
  checks: z.array(flaggerCheckSchema),
});
export type FlaggerRecordBody = z.infer<typeof flaggerRecordBodySchema>;

/** Record kinds: Argo's two objects, and one Flagger canary run. */
export type RecordKind = "AnalysisRun" | "Experiment" | "Canary";
