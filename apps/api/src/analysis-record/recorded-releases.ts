// Reading the analysis record back: the releases (revisions) recorded for a delivery, and the runs
// of one of them, each marked live while its object still exists in the cluster.
import type { Delivery, DeliveryRef } from "@rollscope/shared";
import { deliveryId } from "@rollscope/shared";
import type { ClusterEntry } from "../runtime/cluster-registry";
import type { Database } from "../store/database";
import type { AnalysisRecordsTable } from "../store/tables";
import { safeJson } from "./analysis-record";
import {
  type ArgoRecordBody,
  argoRecordBodySchema,
  type FlaggerRecordBody,
  flaggerRecordBodySchema,
  type RecordKind,
} from "./record-body";

/** Rows read for one delivery's list of releases, newest first; older ones are left out. */
export const maxRecordsPerDelivery = 2_000;

export interface RecordedRunSummary {
  recordId: string;
  name: string;
  kind: RecordKind;
  phase: string;
  verdict: string;
  live: boolean;
}

export interface RecordedRelease {
  revision: string;
  deliveryUid: string;
  /** Epoch ms: the first run started / the last run was recorded. */
  from: number;
  to: number;
  /** The release running now (same object, same revision): shown live, not from the record. */
  current: boolean;
  /** Some run of it still exists in the cluster. */
  live: boolean;
  runs: RecordedRunSummary[];
}

interface RecordedBase extends RecordedRunSummary {
  startedAt?: string;
  updatedAt: string;
}

export type RecordedArgoRun = RecordedBase & { kind: "AnalysisRun" | "Experiment" } & ArgoRecordBody;
export type RecordedCanaryRun = RecordedBase & { kind: "Canary" } & FlaggerRecordBody;

export interface RecordedRuns {
  revision: string;
  runs: RecordedArgoRun[];
  canaryRuns: RecordedCanaryRun[];
  /** Rows whose body could not be read (written by another version, or damaged). */
  unreadable: number;
}

type Row = Omit<AnalysisRecordsTable, "body">;

/** Whether the object a row records is still in the cluster (the same object: same UID). */
function isLive(entry: ClusterEntry | undefined, namespace: string, row: Row): boolean {
  if (!entry) return false;
  const store = entry.source.store;
  if (row.kind === "AnalysisRun" || row.kind === "Experiment") {
    const object = store.get(row.kind, namespace, row.name);
    return object !== undefined && (object.metadata.uid ?? row.record_id) === row.record_id;
  }
  const canary = store.get("Canary", namespace, row.name);
  return `${canary?.metadata.uid ?? ""}/${canary?.status?.lastAppliedSpec ?? ""}` === row.record_id;
}

function currentRevision(delivery: Delivery | undefined): string | undefined {
  return delivery?.observed.podHash ?? delivery?.observed.lastAppliedSpec;
}

function summary(entry: ClusterEntry | undefined, ref: DeliveryRef, row: Row): RecordedRunSummary {
  return {
    recordId: row.record_id,
    name: row.name,
    kind: row.kind as RecordKind,
    phase: row.phase,
    verdict: row.verdict,
    live: isLive(entry, ref.namespace, row),
  };
}

const newestRunFirst = (a: Row, b: Row) =>
  (b.started_ms ?? b.updated_ms) - (a.started_ms ?? a.updated_ms) || a.name.localeCompare(b.name);

/** Every revision recorded for this delivery name (every object that had the name), newest first. */
export async function recordedReleases(
  store: Database,
  entry: ClusterEntry | undefined,
  ref: DeliveryRef,
): Promise<RecordedRelease[]> {
  const rows = await store.db
    .selectFrom("analysis_records")
    .select([
      "record_id",
      "delivery_key",
      "delivery_uid",
      "revision",
      "kind",
      "name",
      "phase",
      "started_ms",
      "updated_ms",
      "verdict",
    ])
    .where("delivery_key", "=", deliveryId(ref))
    .orderBy("updated_ms", "desc")
    .limit(maxRecordsPerDelivery)
    .execute();
  const delivery = entry?.index.get(ref.kind, ref.namespace, ref.name);
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.delivery_uid}\u0000${row.revision}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()]
    .map((group): RecordedRelease => {
      const first = group[0] as Row;
      const runs = [...group].sort(newestRunFirst).map((row) => summary(entry, ref, row));
      return {
        revision: first.revision,
        deliveryUid: first.delivery_uid,
        from: Math.min(...group.map((r) => r.started_ms ?? r.updated_ms)),
        to: Math.max(...group.map((r) => r.updated_ms)),
        current:
          delivery !== undefined &&
          (delivery.uid ?? "") === first.delivery_uid &&
          currentRevision(delivery) === first.revision,
        live: runs.some((r) => r.live),
        runs,
      };
    })
    .sort((a, b) => b.to - a.to || b.from - a.from);
}

/** The recorded runs of one revision of the delivery (of one object when deliveryUid is given). */
export async function recordedRuns(
  store: Database,
  entry: ClusterEntry | undefined,
  ref: DeliveryRef,
  revision: string,
  deliveryUid?: string,
): Promise<RecordedRuns> {
  let query = store.db
    .selectFrom("analysis_records")
    .selectAll()
    .where("delivery_key", "=", deliveryId(ref))
    .where("revision", "=", revision);
  if (deliveryUid !== undefined) query = query.where("delivery_uid", "=", deliveryUid);
  const rows = (await query.orderBy("updated_ms", "desc").limit(maxRecordsPerDelivery).execute()).sort(
    newestRunFirst,
  );
  const result: RecordedRuns = { revision, runs: [], canaryRuns: [], unreadable: 0 };
  for (const row of rows) {
    const base = {
      ...summary(entry, ref, row),
      ...(row.started_ms !== null ? { startedAt: new Date(row.started_ms).toISOString() } : {}),
      updatedAt: new Date(row.updated_ms).toISOString(),
    };
    const json = safeJson(row.body);
    if (row.kind === "Canary") {
      const body = flaggerRecordBodySchema.safeParse(json);
      if (body.success) result.canaryRuns.push({ ...base, ...body.data, kind: "Canary" });
      else result.unreadable += 1;
    } else if (row.kind === "AnalysisRun" || row.kind === "Experiment") {
      const body = argoRecordBodySchema.safeParse(json);
      if (body.success) result.runs.push({ ...base, ...body.data, kind: row.kind });
      else result.unreadable += 1;
    } else result.unreadable += 1;
  }
  return result;
}
