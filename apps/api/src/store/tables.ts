// The shape of every table Rollscope keeps, for the query builder. Times are epoch milliseconds
// (BIGINT); structured values are JSON text, parsed with zod where they are read, so the same
// columns work on SQLite and PostgreSQL.
import type { Generated } from "kysely";

export interface AuditEntriesTable {
  /** Insertion order; entries of one action (started, then its result) share `id`. */
  seq: Generated<number>;
  id: string;
  result: string;
  time_ms: number;
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
  /** Who acted, as shown (describeActor). */
  identity: string;
  action: string;
  /** The whole entry as JSON (see audit-log.ts). */
  entry: string;
}

export interface WeightPointsTable {
  /** cluster/kind/namespace/name: which delivery the point belongs to by name. */
  delivery_key: string;
  /** The object's UID: a re-created object with the same name has its own history. */
  uid: string;
  t: number;
  revision: string | null;
  /** The point as JSON (see weight-history.ts). */
  point: string;
}

export interface GateDecisionsTable {
  /** scope/namespace/name/checksum */
  key: string;
  namespace: string;
  name: string;
  decision: string;
  at_ms: number;
  body: string;
}

export interface FollowUpsTable {
  id: string;
  cluster: string;
  namespace: string;
  name: string;
  created_ms: number;
  body: string;
}

export interface AnalysisRecordsTable {
  /** The AnalysisRun's or Experiment's UID (Flagger: canary UID + revision + metric). */
  record_id: string;
  delivery_key: string;
  delivery_uid: string;
  /** Argo: the pod-template hash the run analysed; Flagger: the run's lastAppliedSpec. */
  revision: string;
  kind: string;
  name: string;
  phase: string;
  started_ms: number | null;
  updated_ms: number;
  verdict: string;
  body: string;
}

export interface PersonSettingsTable {
  /** actorKey(actor) */
  person: string;
  updated_ms: number;
  settings: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's id; the id itself is never stored. */
  id_hash: string;
  created_ms: number;
  expires_ms: number;
  actor: string;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_ms: number;
}

export interface OidcPendingLoginsTable {
  /** SHA-256 of the login cookie's id. */
  id_hash: string;
  expires_ms: number;
  /** state, nonce, PKCE verifier, redirect URI and return path, as JSON. */
  login: string;
}

export interface StoreMetaTable {
  key: string;
  value: string;
}

export interface Tables {
  audit_entries: AuditEntriesTable;
  weight_points: WeightPointsTable;
  gate_decisions: GateDecisionsTable;
  follow_ups: FollowUpsTable;
  analysis_records: AnalysisRecordsTable;
  person_settings: PersonSettingsTable;
  sessions: SessionsTable;
  leases: LeasesTable;
  oidc_pending_logins: OidcPendingLoginsTable;
  store_meta: StoreMetaTable;
}
