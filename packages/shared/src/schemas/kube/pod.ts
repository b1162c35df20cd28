import { z } from "zod";
import { conditionSchema, objectMetaSchema } from "./object-meta";
import { containerSchema, podSpecSchema } from "./pod-template";

const containerStateSchema = z.looseObject({
  waiting: z.looseObject({ reason: z.string().nullish(), message: z.string().nullish() }).nullish(),
  running: z.looseObject({ startedAt: z.string().nullish() }).nullish(),
  terminated: z
    .looseObject({
      reason: z.string().nullish(),
      exitCode: z.number().nullish(),
      /** Set by some runtimes when a signal, not an exit, ended the container. */
      signal: z.number().nullish(),
      message: z.string().nullish(),
    })
    .nullish(),
});

export const containerStatusSchema = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  ready: z.boolean().optional(),
  /** Startup probe passed (or none); a restartable init container lets the next one start once true. */
  started: z.boolean().nullish(),
  restartCount: z.number().optional(),
  state: containerStateSchema.nullish(),
});

/** `restartPolicy: Always` on an init container makes it a sidecar that keeps running beside the app. */
const initContainerSchema = containerSchema.extend({ restartPolicy: z.string().nullish() });

export const podSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.literal("Pod").optional(),
  metadata: objectMetaSchema,
  spec: podSpecSchema.extend({ initContainers: z.array(initContainerSchema).nullish() }).nullish(),
  status: z
    .looseObject({
      phase: z.string().nullish(),
      reason: z.string().nullish(),
      podIP: z.string().nullish(),
      startTime: z.string().nullish(),
      conditions: z.array(conditionSchema).nullish(),
      /** Sorted by container name by the kubelet; the plugin's status takes the first one with a reason. */
      containerStatuses: z.array(containerStatusSchema).nullish(),
      /** In spec.initContainers order. */
      initContainerStatuses: z.array(containerStatusSchema).nullish(),
    })
    .nullish(),
});
export type Pod = z.infer<typeof podSchema>;
