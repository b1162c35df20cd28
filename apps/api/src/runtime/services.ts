// Everything a request handler may use, built once at start-up.
import type { FollowUps } from "../actions/follow-ups";
import type { AuditLog } from "../audit/audit-log";
import type { Config } from "../config/config";
import type { GateStore } from "../gates/gate-store";
import type { WeightHistory } from "../history/weight-history";
import type { ApiMetrics } from "../observability/api-metrics";
import type { Logger } from "../observability/logger";
import type { ClusterRegistry } from "./cluster-registry";

export interface Services {
  config: Pick<Config, "readOnly" | "dataDir" | "authorizeActions">;
  clusters: ClusterRegistry;
  audit: AuditLog;
  history: WeightHistory;
  gates: GateStore;
  followUps: FollowUps;
  metrics: ApiMetrics;
  log: Logger;
  /** Injected so tests can pin time. */
  now(): Date;
}
