// Everything a request handler may use, built once at start-up.
import type { FollowUps } from "../actions/follow-ups";
import type { AnalysisRecord } from "../analysis-record/analysis-record";
import type { AuditLog } from "../audit/audit-log";
import type { Config } from "../config/config";
import type { GateStore } from "../gates/gate-store";
import type { WeightHistory } from "../history/weight-history";
import type { ApiMetrics } from "../observability/api-metrics";
import type { Logger } from "../observability/logger";
import type { PersonSettings } from "../settings/person-settings";
import type { Database } from "../store/database";
import type { WriterElection } from "../store/writer-lease";
import type { ClusterRegistry } from "./cluster-registry";

export interface Services {
  config: Pick<Config, "readOnly" | "dataDir" | "authorizeActions">;
  clusters: ClusterRegistry;
  /** The one store every replica shares (or the embedded file of the only one). */
  store: Database;
  /** Held by the one replica that writes what every replica sees (history, analysis record, follow-ups). */
  writer: WriterElection;
  audit: AuditLog;
  history: WeightHistory;
  analysisRecord: AnalysisRecord;
  gates: GateStore;
  followUps: FollowUps;
  settings: PersonSettings;
  metrics: ApiMetrics;
  log: Logger;
  /** Injected so tests can pin time. */
  now(): Date;
}
