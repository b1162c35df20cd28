import { z } from "zod";
import { objectMetaSchema } from "../kube/object-meta";
import { analysisSpecSchema } from "./analysis-spec";

export const analysisPhases = [
  "Pending",
  "Running",
  "Successful",
  "Failed",
  "Error",
  "Inconclusive",
] as const;
export type AnalysisPhase = (typeof analysisPhases)[number];

export const measurementSchema = z.looseObject({
  phase: z.string(),
  message: z.string().nullish(),
  startedAt: z.string().nullish(),
  finishedAt: z.string().nullish(),
  resumeAt: z.string().nullish(),
  value: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
export type Measurement = z.infer<typeof measurementSchema>;

export const metricResultSchema = z.looseObject({
  name: z.string(),
  phase: z.string(),
  measurements: z.array(measurementSchema).nullish(),
  message: z.string().nullish(),
  count: z.number().nullish(),
  successful: z.number().nullish(),
  failed: z.number().nullish(),
  inconclusive: z.number().nullish(),
  error: z.number().nullish(),
  consecutiveError: z.number().nullish(),
  dryRun: z.boolean().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
export type MetricResult = z.infer<typeof metricResultSchema>;

const runSummarySchema = z.looseObject({
  count: z.number().nullish(),
  successful: z.number().nullish(),
  failed: z.number().nullish(),
  inconclusive: z.number().nullish(),
  error: z.number().nullish(),
});

export const analysisRunSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.literal("AnalysisRun").optional(),
  metadata: objectMetaSchema,
  spec: analysisSpecSchema.extend({ terminate: z.boolean().nullish() }),
  status: z
    .looseObject({
      phase: z.string().nullish(),
      message: z.string().nullish(),
      startedAt: z.string().nullish(),
      completedAt: z.string().nullish(),
      metricResults: z.array(metricResultSchema).nullish(),
      runSummary: runSummarySchema.nullish(),
      dryRunSummary: runSummarySchema.nullish(),
    })
    .nullish(),
});
export type AnalysisRun = z.infer<typeof analysisRunSchema>;
