import { z } from "zod";
import { objectMetaSchema } from "../kube/object-meta";

const destinationSchema = z.looseObject({
  host: z.string(),
  subset: z.string().nullish(),
  port: z.looseObject({ number: z.number().nullish() }).nullish(),
});

export const httpRouteSchema = z.looseObject({
  name: z.string().nullish(),
  match: z.array(z.looseObject({})).nullish(),
  route: z.array(z.looseObject({ destination: destinationSchema, weight: z.number().nullish() })).nullish(),
  mirror: destinationSchema.nullish(),
  mirrorPercentage: z.looseObject({ value: z.number().nullish() }).nullish(),
});
export type HttpRoute = z.infer<typeof httpRouteSchema>;

export const virtualServiceSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.literal("VirtualService").optional(),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    hosts: z.array(z.string()).nullish(),
    gateways: z.array(z.string()).nullish(),
    http: z.array(httpRouteSchema).nullish(),
  }),
});
export type VirtualService = z.infer<typeof virtualServiceSchema>;
