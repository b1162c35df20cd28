// The loose shape of a Kubernetes object as the generator reads and mutates it: plain JSON, nothing
// assumed beyond kind and metadata, so a mutation can write any field the CRD allows.
import type { LooseObjectMeta } from "@rollscope/shared/kube/loose-object";

export interface KubeObject {
  apiVersion?: string;
  kind: string;
  metadata: LooseObjectMeta;
  // biome-ignore lint/suspicious/noExplicitAny: mutations write arbitrary CRD fields
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: mutations write arbitrary status fields
  status?: any;
}

/** The kinds the plugin's view reads for a Rollout (viewcontroller.GetRolloutInfo). */
export const comparedKinds = new Set([
  "Rollout",
  "ReplicaSet",
  "Pod",
  "AnalysisRun",
  "Experiment",
  "Deployment",
]);

export function isKubeObject(value: unknown): value is KubeObject {
  if (typeof value !== "object" || value === null) return false;
  const o = value as { kind?: unknown; metadata?: { name?: unknown } };
  return typeof o.kind === "string" && typeof o.metadata?.name === "string";
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
