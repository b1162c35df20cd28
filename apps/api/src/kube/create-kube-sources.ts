// One KubeClusterSource per selected kubeconfig context: several contexts = several clusters.

import { KubeClusterSource, type KubeClusterSourceOptions } from "./kube-cluster-source";
import { type KubeConfigOptions, loadKubeConfigs } from "./kube-config";

export type KubeSourcesOptions = KubeConfigOptions & Omit<KubeClusterSourceOptions, "kubeConfig" | "store">;

/** Throws KubeConfigError (e.g. an unknown context, with the available ones listed). */
export function createKubeClusterSources(options: KubeSourcesOptions = {}): KubeClusterSource[] {
  const { kubeconfig, env, homeDir, inClusterRoot, contexts, allContexts, ...sourceOptions } = options;
  return loadKubeConfigs({ kubeconfig, env, homeDir, inClusterRoot, contexts, allContexts }).map(
    (config) => new KubeClusterSource({ ...sourceOptions, kubeConfig: config.kubeConfig }),
  );
}
