import { z } from "zod";
import { conditionSchema, labelSelectorSchema, objectMetaSchema } from "./object-meta";
import { podTemplateSchema } from "./pod-template";

export const deploymentSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.literal("Deployment").optional(),
  metadata: objectMetaSchema,
  spec: z
    .looseObject({
      replicas: z.number().nullish(),
      paused: z.boolean().nullish(),
      selector: labelSelectorSchema.nullish(),
      template: podTemplateSchema.nullish(),
    })
    .nullish(),
  status: z
    .looseObject({
      observedGeneration: z.number().nullish(),
      replicas: z.number().nullish(),
      updatedReplicas: z.number().nullish(),
      readyReplicas: z.number().nullish(),
      availableReplicas: z.number().nullish(),
      conditions: z.array(conditionSchema).nullish(),
    })
    .nullish(),
});
export type Deployment = z.infer<typeof deploymentSchema>;
