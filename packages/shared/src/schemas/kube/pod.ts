import { z } from "zod";
import { conditionSchema, objectMetaSchema } from "./object-meta";
import { podSpecSchema } from "./pod-template";

const containerStateSchema = z.looseObject({
  waiting: z.looseObject({ reason: z.string().nullish(), message: z.string().nullish() }).nullish(),
  running: z.looseObject({ startedAt: z.string().nullish() }).nullish(),
  terminated: z
    .looseObject({
      reason: z.string().nullish(),
      exitCode: z.number().nullish(),
      message: z.string().nullish(),
    })
    .nullish(),
});

export const containerStatusSchema = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  ready: z.boolean().optional(),
  restartCount: z.number().optional(),
  state: containerStateSchema.nullish(),
});

export const podSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.literal("Pod").optional(),
  metadata: objectMetaSchema,
  spec: podSpecSchema.nullish(),
  status: z
    .looseObject({
      phase: z.string().nullish(),
      reason: z.string().nullish(),
      podIP: z.string().nullish(),
      startTime: z.string().nullish(),
      conditions: z.array(conditionSchema).nullish(),
      containerStatuses: z.array(containerStatusSchema).nullish(),
      initContainerStatuses: z.array(containerStatusSchema).nullish(),
    })
    .nullish(),
});
export type Pod = z.infer<typeof podSchema>;
