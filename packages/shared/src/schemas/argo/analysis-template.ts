import { z } from "zod";
import { objectMetaSchema } from "../kube/object-meta";
import { analysisSpecSchema } from "./analysis-spec";

export const analysisTemplateSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.enum(["AnalysisTemplate", "ClusterAnalysisTemplate"]).optional(),
  metadata: objectMetaSchema,
  spec: analysisSpecSchema,
});
export type AnalysisTemplate = z.infer<typeof analysisTemplateSchema>;

/** Same shape, cluster scoped. */
export const clusterAnalysisTemplateSchema = analysisTemplateSchema;
export type ClusterAnalysisTemplate = AnalysisTemplate;
