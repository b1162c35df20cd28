import { z } from "zod";
import { objectMetaSchema } from "../kube/object-meta";

export const metricTemplateSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.literal("MetricTemplate").optional(),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    provider: z.looseObject({
      type: z.string(),
      address: z.string().nullish(),
      secretRef: z.looseObject({ name: z.string() }).nullish(),
    }),
    query: z.string(),
  }),
});
export type MetricTemplate = z.infer<typeof metricTemplateSchema>;
