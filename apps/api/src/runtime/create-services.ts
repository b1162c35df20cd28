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
  /** How actions are authorised (default rbac: the cluster decides on the requests themselves). */
  authorizeActions?: "rbac" | "verbs";
  prometheusUrls?: Record<string, string>;
  log: Logger;
  now?: () => Date;
}

export interface RunningServices {
  services: Services;
  /** Loads the audit log and marks the actions the last stop cut short, then starts watching. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Throws, with a message naming the file, when saved state exists but cannot be read. */
export function createServices(sources: ClusterSource[], options: ServicesOptions): RunningServices {
  const history = new WeightHistory(options.dataDir);
  const clusters = new ClusterRegistry(sources, history, options.prometheusUrls ?? {});
  const services: Services = {
    config: {
      readOnly: options.readOnly,
      dataDir: options.dataDir,
      authorizeActions: options.authorizeActions ?? "rbac",
    },
    clusters,
    audit: new AuditLog(options.dataDir),
    history,
    gates: new GateStore(options.dataDir),
    followUps: new FollowUps(options.dataDir, options.log),
    metrics: new ApiMetrics(clusters),
    log: options.log,
    now: options.now ?? (() => new Date()),
  };
  let stopFollowUps: (() => void) | undefined;
  return {
    services,
    async start() {
      await services.audit.load();
      if (services.audit.loadError)
        options.log.error({ reason: services.audit.loadError }, "audit log not read");
      // Read-only means no writes, so actions cut short by the last stop stay `started` until a run that writes.
      if (!options.readOnly)
        await services.audit
          .markInterrupted()
          .then((count) => {
            if (count > 0)
              options.log.warn({ count }, "marked actions cut short by the last stop as interrupted");
          })
          .catch((error: unknown) =>
            options.log.error({ err: error }, "could not mark interrupted actions; the next start retries"),
          );
      stopFollowUps = runFollowUps(services);
      await clusters.start();
    },
    async stop() {
      stopFollowUps?.();
      await clusters.stop();
      await history.flush();
      await services.followUps.flush();
    },
  };
}
