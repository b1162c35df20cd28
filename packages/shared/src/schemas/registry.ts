// Every kind Rollscope reads, with its API group and the schema its objects are checked against.
import type { z } from "zod";
import { analysisRunSchema } from "./argo/analysis-run";
import { analysisTemplateSchema, clusterAnalysisTemplateSchema } from "./argo/analysis-template";
import { experimentSchema } from "./argo/experiment";
import { rolloutSchema } from "./argo/rollout";
import { canarySchema } from "./flagger/canary";
import { metricTemplateSchema } from "./flagger/metric-template";
import { virtualServiceSchema } from "./istio/virtual-service";
import { deploymentSchema } from "./kube/deployment";
import { eventSchema } from "./kube/event";
import { podSchema } from "./kube/pod";
import { replicaSetSchema } from "./kube/replica-set";

export const kindSchemas = {
  Rollout: rolloutSchema,
  AnalysisRun: analysisRunSchema,
  AnalysisTemplate: analysisTemplateSchema,
  ClusterAnalysisTemplate: clusterAnalysisTemplateSchema,
  Experiment: experimentSchema,
  ReplicaSet: replicaSetSchema,
  Pod: podSchema,
  Deployment: deploymentSchema,
  Event: eventSchema,
  Canary: canarySchema,
  MetricTemplate: metricTemplateSchema,
  VirtualService: virtualServiceSchema,
} as const;

export type KnownKind = keyof typeof kindSchemas;
export type ObjectOfKind<K extends KnownKind> = z.infer<(typeof kindSchemas)[K]>;

/** Where each kind lives in the API, for watches and patches. */
export const kindResources: Record<
  KnownKind,
  { group: string; version: string; plural: string; namespaced: boolean }
> = {
  Rollout: { group: "argoproj.io", version: "v1alpha1", plural: "rollouts", namespaced: true },
  AnalysisRun: { group: "argoproj.io", version: "v1alpha1", plural: "analysisruns", namespaced: true },
  AnalysisTemplate: {
    group: "argoproj.io",
    version: "v1alpha1",
    plural: "analysistemplates",
    namespaced: true,
  },
  ClusterAnalysisTemplate: {
    group: "argoproj.io",
    version: "v1alpha1",
    plural: "clusteranalysistemplates",
    namespaced: false,
  },
  Experiment: { group: "argoproj.io", version: "v1alpha1", plural: "experiments", namespaced: true },
  ReplicaSet: { group: "apps", version: "v1", plural: "replicasets", namespaced: true },
  Pod: { group: "", version: "v1", plural: "pods", namespaced: true },
  Deployment: { group: "apps", version: "v1", plural: "deployments", namespaced: true },
  Event: { group: "", version: "v1", plural: "events", namespaced: true },
  Canary: { group: "flagger.app", version: "v1beta1", plural: "canaries", namespaced: true },
  MetricTemplate: { group: "flagger.app", version: "v1beta1", plural: "metrictemplates", namespaced: true },
  VirtualService: {
    group: "networking.istio.io",
    version: "v1beta1",
    plural: "virtualservices",
    namespaced: true,
  },
};

/** `group/version` as objects of a kind carry it in `apiVersion` (`v1` for the core group). */
export function apiVersionOf(kind: KnownKind): string {
  const { group, version } = kindResources[kind];
  return group ? `${group}/${version}` : version;
}

export function isKnownKind(kind: unknown): kind is KnownKind {
  return typeof kind === "string" && Object.hasOwn(kindSchemas, kind);
}
