import { z } from "zod";

export const containerSchema = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
});
export type Container = z.infer<typeof containerSchema>;

export const podSpecSchema = z.looseObject({
  containers: z.array(containerSchema).nullish(),
  initContainers: z.array(containerSchema).nullish(),
});

export const podTemplateSchema = z.looseObject({
  metadata: z
    .looseObject({
      labels: z.record(z.string(), z.string()).nullish(),
      annotations: z.record(z.string(), z.string()).nullish(),
    })
    .nullish(),
  spec: podSpecSchema.nullish(),
});
export type PodTemplate = z.infer<typeof podTemplateSchema>;
