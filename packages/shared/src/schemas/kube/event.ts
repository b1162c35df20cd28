import { z } from "zod";
import { objectMetaSchema } from "./object-meta";

/** core/v1 Event (the events.k8s.io/v1 fields that matter are mirrored there too). */
export const eventSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.literal("Event").optional(),
  metadata: objectMetaSchema,
  involvedObject: z.looseObject({
    apiVersion: z.string().nullish(),
    kind: z.string().nullish(),
    name: z.string().nullish(),
    namespace: z.string().nullish(),
    uid: z.string().nullish(),
  }),
  reason: z.string().nullish(),
  message: z.string().nullish(),
  type: z.string().nullish(),
  count: z.number().nullish(),
  firstTimestamp: z.string().nullish(),
  lastTimestamp: z.string().nullish(),
  eventTime: z.string().nullish(),
  source: z.looseObject({ component: z.string().nullish(), host: z.string().nullish() }).nullish(),
  reportingComponent: z.string().nullish(),
});
export type KubeEvent = z.infer<typeof eventSchema>;
