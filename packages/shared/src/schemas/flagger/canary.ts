import { z } from "zod";
import { conditionSchema, intOrString, objectMetaSchema } from "../kube/object-meta";

export const flaggerPhases = [
  "",
  "Initializing",
  "Initialized",
  "Waiting",
  "Progressing",
  "WaitingPromotion",
  "Promoting",
  "Finalising",
  "Succeeded",
  "Failed",
  "Terminating",
  "Terminated",
] as const;
export type FlaggerPhase = (typeof flaggerPhases)[number];

const targetRefSchema = z.looseObject({
  apiVersion: z.string().nullish(),
  kind: z.string(),
  name: z.string(),
});

export const canaryMetricSchema = z.looseObject({
  name: z.string(),
  interval: z.string().nullish(),
  threshold: z.number().nullish(),
  thresholdRange: z.looseObject({ min: z.number().nullish(), max: z.number().nullish() }).nullish(),
  query: z.string().nullish(),
  templateRef: z.looseObject({ name: z.string(), namespace: z.string().nullish() }).nullish(),
  templateVariables: z.record(z.string(), z.string()).nullish(),
});
export type CanaryMetric = z.infer<typeof canaryMetricSchema>;

export const canaryWebhookSchema = z.looseObject({
  name: z.string(),
  type: z.string().nullish(),
  url: z.string(),
  timeout: z.string().nullish(),
  muteAlert: z.boolean().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
export type CanaryWebhook = z.infer<typeof canaryWebhookSchema>;

export const canaryAnalysisSchema = z.looseObject({
  interval: z.string().nullish(),
  iterations: z.number().nullish(),
  threshold: z.number().nullish(),
  maxWeight: z.number().nullish(),
  stepWeight: z.number().nullish(),
  stepWeights: z.array(z.number()).nullish(),
  stepWeightPromotion: z.number().nullish(),
  primaryReadyThreshold: z.number().nullish(),
  canaryReadyThreshold: z.number().nullish(),
  mirror: z.boolean().nullish(),
  mirrorWeight: z.number().nullish(),
  match: z.array(z.looseObject({})).nullish(),
  metrics: z.array(canaryMetricSchema).nullish(),
  webhooks: z.array(canaryWebhookSchema).nullish(),
  sessionAffinity: z.looseObject({ cookieName: z.string().nullish() }).nullish(),
});
export type CanaryAnalysis = z.infer<typeof canaryAnalysisSchema>;

export const canarySchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.literal("Canary").optional(),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    provider: z.string().nullish(),
    targetRef: targetRefSchema,
    autoscalerRef: targetRefSchema.nullish(),
    ingressRef: targetRefSchema.nullish(),
    service: z
      .looseObject({
        name: z.string().nullish(),
        port: z.number().nullish(),
        targetPort: intOrString.nullish(),
        portName: z.string().nullish(),
        appProtocol: z.string().nullish(),
        gateways: z.array(z.string()).nullish(),
        hosts: z.array(z.string()).nullish(),
      })
      .nullish(),
    analysis: canaryAnalysisSchema.nullish(),
    // Older Canaries spell the analysis block `canaryAnalysis`.
    canaryAnalysis: canaryAnalysisSchema.nullish(),
    skipAnalysis: z.boolean().nullish(),
    suspend: z.boolean().nullish(),
    progressDeadlineSeconds: z.number().nullish(),
    revertOnDeletion: z.boolean().nullish(),
  }),
  status: z
    .looseObject({
      phase: z.string().nullish(),
      canaryWeight: z.number().nullish(),
      iterations: z.number().nullish(),
      failedChecks: z.number().nullish(),
      lastAppliedSpec: z.string().nullish(),
      lastPromotedSpec: z.string().nullish(),
      lastTransitionTime: z.string().nullish(),
      trackedConfigs: z.record(z.string(), z.string()).nullish(),
      conditions: z.array(conditionSchema).nullish(),
    })
    .nullish(),
});
export type Canary = z.infer<typeof canarySchema>;
