import { z } from "zod";
import { conditionSchema, intOrString, labelSelectorSchema, objectMetaSchema } from "../kube/object-meta";
import { podTemplateSchema } from "../kube/pod-template";
import { canaryStepSchema, rolloutAnalysisSchema } from "./rollout-steps";

const trafficRoutingSchema = z.looseObject({
  istio: z
    .looseObject({
      virtualService: z.looseObject({ name: z.string(), routes: z.array(z.string()).nullish() }).nullish(),
      virtualServices: z
        .array(z.looseObject({ name: z.string(), routes: z.array(z.string()).nullish() }))
        .nullish(),
      destinationRule: z
        .looseObject({ name: z.string(), canarySubsetName: z.string(), stableSubsetName: z.string() })
        .nullish(),
    })
    .nullish(),
  nginx: z.looseObject({ stableIngress: z.string().nullish() }).nullish(),
  alb: z.looseObject({ ingress: z.string().nullish() }).nullish(),
  smi: z.looseObject({}).nullish(),
  traefik: z.looseObject({}).nullish(),
  ambassador: z.looseObject({}).nullish(),
  appMesh: z.looseObject({}).nullish(),
  apisix: z.looseObject({}).nullish(),
  plugins: z.record(z.string(), z.unknown()).nullish(),
  maxTrafficWeight: z.number().nullish(),
  managedRoutes: z.array(z.looseObject({ name: z.string() })).nullish(),
});

const canaryStrategySchema = z.looseObject({
  canaryService: z.string().nullish(),
  stableService: z.string().nullish(),
  steps: z.array(canaryStepSchema).nullish(),
  trafficRouting: trafficRoutingSchema.nullish(),
  analysis: rolloutAnalysisSchema.nullish(),
  maxSurge: intOrString.nullish(),
  maxUnavailable: intOrString.nullish(),
  dynamicStableScale: z.boolean().nullish(),
  pingPong: z.looseObject({ pingService: z.string().nullish(), pongService: z.string().nullish() }).nullish(),
});

const blueGreenStrategySchema = z.looseObject({
  activeService: z.string(),
  previewService: z.string().nullish(),
  autoPromotionEnabled: z.boolean().nullish(),
  autoPromotionSeconds: z.number().nullish(),
  previewReplicaCount: z.number().nullish(),
  scaleDownDelaySeconds: z.number().nullish(),
  prePromotionAnalysis: rolloutAnalysisSchema.nullish(),
  postPromotionAnalysis: rolloutAnalysisSchema.nullish(),
});

const analysisRunStatusRefSchema = z.looseObject({
  name: z.string(),
  status: z.string().nullish(),
  message: z.string().nullish(),
});

const weightDestinationSchema = z.looseObject({
  weight: z.number().nullish(),
  serviceName: z.string().nullish(),
  podTemplateHash: z.string().nullish(),
});

export const rolloutSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.literal("Rollout").optional(),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    replicas: z.number().nullish(),
    paused: z.boolean().nullish(),
    selector: labelSelectorSchema.nullish(),
    template: podTemplateSchema.nullish(),
    workloadRef: z
      .looseObject({
        apiVersion: z.string().nullish(),
        kind: z.string().nullish(),
        name: z.string().nullish(),
      })
      .nullish(),
    restartAt: z.string().nullish(),
    progressDeadlineSeconds: z.number().nullish(),
    progressDeadlineAbort: z.boolean().nullish(),
    revisionHistoryLimit: z.number().nullish(),
    strategy: z
      .looseObject({
        canary: canaryStrategySchema.nullish(),
        blueGreen: blueGreenStrategySchema.nullish(),
      })
      .nullish(),
  }),
  status: z
    .looseObject({
      phase: z.string().nullish(),
      message: z.string().nullish(),
      abort: z.boolean().nullish(),
      abortedAt: z.string().nullish(),
      promoteFull: z.boolean().nullish(),
      controllerPause: z.boolean().nullish(),
      pauseConditions: z
        .array(z.looseObject({ reason: z.string(), startTime: z.string().nullish() }))
        .nullish(),
      currentPodHash: z.string().nullish(),
      currentStepHash: z.string().nullish(),
      currentStepIndex: z.number().nullish(),
      stableRS: z.string().nullish(),
      // The controller writes it as a string; older/other writers may use a number.
      observedGeneration: z.union([z.string(), z.number()]).nullish(),
      restartedAt: z.string().nullish(),
      replicas: z.number().nullish(),
      updatedReplicas: z.number().nullish(),
      readyReplicas: z.number().nullish(),
      availableReplicas: z.number().nullish(),
      HPAReplicas: z.number().nullish(),
      selector: z.string().nullish(),
      conditions: z.array(conditionSchema).nullish(),
      canary: z
        .looseObject({
          currentStepAnalysisRunStatus: analysisRunStatusRefSchema.nullish(),
          currentBackgroundAnalysisRunStatus: analysisRunStatusRefSchema.nullish(),
          currentExperiment: z.string().nullish(),
          stablePingPong: z.string().nullish(),
          weights: z
            .looseObject({
              canary: weightDestinationSchema,
              stable: weightDestinationSchema,
              additional: z.array(weightDestinationSchema).nullish(),
              verified: z.boolean().nullish(),
            })
            .nullish(),
        })
        .nullish(),
      blueGreen: z
        .looseObject({
          activeSelector: z.string().nullish(),
          previewSelector: z.string().nullish(),
          scaleUpPreviewCheckPoint: z.boolean().nullish(),
          prePromotionAnalysisRunStatus: analysisRunStatusRefSchema.nullish(),
          postPromotionAnalysisRunStatus: analysisRunStatusRefSchema.nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type Rollout = z.infer<typeof rolloutSchema>;
export type RolloutStatus = NonNullable<Rollout["status"]>;
