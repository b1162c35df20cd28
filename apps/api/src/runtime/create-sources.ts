// Which clusters to watch: snapshots when asked, the demo when asked or when there is no kubeconfig,
// otherwise the kubeconfig's contexts. The demo and the snapshot reader (with its YAML parser) are
// loaded only when used: `npm start` bundles them apart, so a start against a cluster neither reads
// nor compiles them.

import type { DemoOptions } from "@rollscope/demo-cluster";
import type { ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import type { Config } from "../config/config";
import { createKubeClusterSources, hasKubeConfig } from "../kube";
import type { Logger } from "../observability/logger";

export async function createSources(
  config: Config,
  log: Logger,
  gateCheck: DemoOptions["gateCheck"],
): Promise<ClusterSource[]> {
  if (config.snapshots.length > 0) {
    const { SnapshotClusterSource } = await import("../snapshot/snapshot-source");
    return config.snapshots.map((dir) => new SnapshotClusterSource(dir));
  }
  const wantsKube = config.contexts.length > 0 || config.allContexts;
  if (config.demo || (!wantsKube && !hasKubeConfig())) {
    if (!config.demo)
      log.info("no kubeconfig found: starting the demo cluster (use --context to watch a real one)");
    const { DemoClusterSource } = await import("@rollscope/demo-cluster");
    return [
      new DemoClusterSource({
        speed: config.demoSpeed,
        prometheus: config.startPrometheus,
        log,
        ...(gateCheck ? { gateCheck } : {}),
      }),
    ];
  }
  return createKubeClusterSources({
    ...(config.contexts.length > 0 ? { contexts: config.contexts } : {}),
    allContexts: config.allContexts,
    ...(config.namespaces.length > 0 ? { namespaces: config.namespaces } : {}),
    logger: log,
  });
}
