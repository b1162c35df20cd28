import { z } from "zod";
import { conditionSchema, objectMetaSchema } from "../kube/object-meta";
import { podTemplateSchema } from "../kube/pod-template";
import { analysisArgSchema } from "./analysis-spec";

/** An analysis an Experiment runs; the same reference is used by a Rollout's experiment step. */
export const experimentAnalysisSchema = z.looseObject({
  name: z.string(),
  templateName: z.string().nullish(),
  clusterScope: z.boolean().nullish(),
  args: z.array(analysisArgSchema).nullish(),
  requiredForCompletion: z.boolean().nullish(),
});

export const experimentSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.literal("Experiment").optional(),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    duration: z.string().nullish(),
    terminate: z.boolean().nullish(),
    templates: z
      .array(
        z.looseObject({
          name: z.string(),
          replicas: z.number().nullish(),
          template: podTemplateSchema.nullish(),
        }),
      )
      .nullish(),
    analyses: z.array(experimentAnalysisSchema).nullish(),
  }),
  status: z
    .looseObject({
      phase: z.string().nullish(),
      message: z.string().nullish(),
      availableAt: z.string().nullish(),
      conditions: z.array(conditionSchema).nullish(),
      templateStatuses: z
        .array(
          z.looseObject({
            name: z.string(),
            status: z.string().nullish(),
            message: z.string().nullish(),
            replicas: z.number().nullish(),
            readyReplicas: z.number().nullish(),
            availableReplicas: z.number().nullish(),
            podTemplateHash: z.string().nullish(),
          }),
        )
        .nullish(),
      analysisRuns: z
        .array(
          z.looseObject({
            name: z.string(),
            analysisRun: z.string().nullish(),
            phase: z.string().nullish(),
            message: z.string().nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});
export type Experiment = z.infer<typeof experimentSchema>;
