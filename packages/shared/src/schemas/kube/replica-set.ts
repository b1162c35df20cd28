import { z } from "zod";
import { conditionSchema, labelSelectorSchema, objectMetaSchema } from "./object-meta";
import { podTemplateSchema } from "./pod-template";

export const replicaSetSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.literal("ReplicaSet").optional(),
  metadata: objectMetaSchema,
  spec: z
    .looseObject({
      replicas: z.number().nullish(),
      selector: labelSelectorSchema.nullish(),
      template: podTemplateSchema.nullish(),
    })
    .nullish(),
  status: z
    .looseObject({
      replicas: z.number().nullish(),
      readyReplicas: z.number().nullish(),
      availableReplicas: z.number().nullish(),
      fullyLabeledReplicas: z.number().nullish(),
      observedGeneration: z.number().nullish(),
      conditions: z.array(conditionSchema).nullish(),
    })
    .nullish(),
});
export type ReplicaSet = z.infer<typeof replicaSetSchema>;
