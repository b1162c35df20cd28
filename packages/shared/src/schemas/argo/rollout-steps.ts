// Canary steps of a Rollout (spec.strategy.canary.steps[]): exactly one field is set per step.
import { z } from "zod";
import { intOrString } from "../kube/object-meta";
import { podTemplateSchema } from "../kube/pod-template";
import { analysisArgSchema } from "./analysis-spec";
import { experimentAnalysisSchema } from "./experiment";

export const rolloutAnalysisSchema = z.looseObject({
  templates: z
    .array(z.looseObject({ templateName: z.string().nullish(), clusterScope: z.boolean().nullish() }))
    .nullish(),
  args: z.array(analysisArgSchema).nullish(),
  startingStep: z.number().nullish(),
});
export type RolloutAnalysis = z.infer<typeof rolloutAnalysisSchema>;

const routeMatchSchema = z.looseObject({});

export const canaryStepSchema = z.looseObject({
  setWeight: z.number().nullish(),
  pause: z.looseObject({ duration: intOrString.nullish() }).nullish(),
  analysis: rolloutAnalysisSchema.nullish(),
  experiment: z
    .looseObject({
      duration: z.string().nullish(),
      templates: z
        .array(
          z.looseObject({
            name: z.string(),
            specRef: z.string().nullish(),
            replicas: z.number().nullish(),
            weight: z.number().nullish(),
            template: podTemplateSchema.nullish(),
          }),
        )
        .nullish(),
      analyses: z.array(experimentAnalysisSchema).nullish(),
    })
    .nullish(),
  setCanaryScale: z
    .looseObject({
      weight: z.number().nullish(),
      replicas: z.number().nullish(),
      matchTrafficWeight: z.boolean().nullish(),
    })
    .nullish(),
  setHeaderRoute: z.looseObject({ name: z.string(), match: z.array(routeMatchSchema).nullish() }).nullish(),
  setMirrorRoute: z
    .looseObject({
      name: z.string(),
      match: z.array(routeMatchSchema).nullish(),
      percentage: z.number().nullish(),
    })
    .nullish(),
  plugin: z.looseObject({ name: z.string(), config: z.unknown().optional() }).nullish(),
});
export type CanaryStep = z.infer<typeof canaryStepSchema>;
