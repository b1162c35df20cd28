// Pieces shared by AnalysisTemplate, ClusterAnalysisTemplate and AnalysisRun specs.
import { z } from "zod";
import { intOrString } from "../kube/object-meta";

export const analysisArgSchema = z.looseObject({
  name: z.string(),
  value: z.string().nullish(),
  valueFrom: z
    .looseObject({
      secretKeyRef: z.looseObject({ name: z.string(), key: z.string() }).nullish(),
      fieldRef: z.looseObject({ fieldPath: z.string() }).nullish(),
      podTemplateHashValue: z.string().nullish(),
    })
    .nullish(),
});
export type AnalysisArg = z.infer<typeof analysisArgSchema>;

export const metricProviderSchema = z.looseObject({
  prometheus: z
    .looseObject({
      address: z.string().nullish(),
      query: z.string().nullish(),
      timeout: z.number().nullish(),
    })
    .nullish(),
  job: z.looseObject({}).nullish(),
  web: z.looseObject({ url: z.string().nullish(), jsonPath: z.string().nullish() }).nullish(),
  datadog: z.looseObject({ query: z.string().nullish() }).nullish(),
  newRelic: z.looseObject({ query: z.string().nullish() }).nullish(),
  wavefront: z.looseObject({ query: z.string().nullish() }).nullish(),
  kayenta: z.looseObject({}).nullish(),
  cloudWatch: z.looseObject({}).nullish(),
  graphite: z.looseObject({ query: z.string().nullish() }).nullish(),
  influxdb: z.looseObject({ query: z.string().nullish() }).nullish(),
  skywalking: z.looseObject({ query: z.string().nullish() }).nullish(),
  plugin: z.record(z.string(), z.unknown()).nullish(),
});
export type MetricProvider = z.infer<typeof metricProviderSchema>;

export const metricSchema = z.looseObject({
  name: z.string(),
  interval: z.string().nullish(),
  initialDelay: z.string().nullish(),
  count: intOrString.nullish(),
  successCondition: z.string().nullish(),
  failureCondition: z.string().nullish(),
  failureLimit: intOrString.nullish(),
  inconclusiveLimit: intOrString.nullish(),
  consecutiveErrorLimit: intOrString.nullish(),
  provider: metricProviderSchema.nullish(),
});
export type Metric = z.infer<typeof metricSchema>;

export const analysisSpecSchema = z.looseObject({
  metrics: z.array(metricSchema).nullish(),
  args: z.array(analysisArgSchema).nullish(),
  dryRun: z.array(z.looseObject({ metricName: z.string() })).nullish(),
});
