// Wires the services of one API process around a set of cluster sources.
import { FollowUps } from "../actions/follow-ups";
import { runFollowUps } from "../actions/run-follow-ups";
import { AuditLog } from "../audit/audit-log";
import type { ClusterSource } from "../cluster/cluster-source";
import { GateStore } from "../gates/gate-store";
import { WeightHistory } from "../history/weight-history";
import { ApiMetrics } from "../observability/api-metrics";
import type { Logger } from "../observability/logger";
import { ClusterRegistry } from "./cluster-registry";
import type { Services } from "./services";

export interface ServicesOptions {
  dataDir: string;
  readOnly: boolean;
  prometheusUrls?: Record<string, string>;
  log: Logger;
  now?: () => Date;
}

export interface RunningServices {
  services: Services;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createServices(sources: ClusterSource[], options: ServicesOptions): RunningServices {
  const history = new WeightHistory(options.dataDir);
  const clusters = new ClusterRegistry(sources, history, options.prometheusUrls ?? {});
  const services: Services = {
    config: { readOnly: options.readOnly, dataDir: options.dataDir },
    clusters,
    audit: new AuditLog(options.dataDir),
    history,
    gates: new GateStore(options.dataDir),
    followUps: new FollowUps(options.dataDir),
    metrics: new ApiMetrics(clusters),
    log: options.log,
    now: options.now ?? (() => new Date()),
  };
  let stopFollowUps: (() => void) | undefined;
  return {
    services,
    async start() {
      stopFollowUps = runFollowUps(services);
      await clusters.start();
    },
    async stop() {
      stopFollowUps?.();
      await clusters.stop();
      await history.flush();
    },
  };
}
