// Public surface of the kube ClusterSource.
export { createKubeClusterSources, type KubeSourcesOptions } from "./create-kube-sources";
export { KubeClusterSource, type KubeClusterSourceOptions } from "./kube-cluster-source";
export {
  hasKubeConfig,
  KubeConfigError,
  type KubeConfigLocation,
  type KubeConfigOptions,
  type KubeContextConfig,
  loadKubeConfigs,
} from "./kube-config";
export type { KubeLogger } from "./kube-logger";
