// Keeps the store bounded: audit entries, weight history and the analysis record older than their
// retention are deleted, and beyond their row limits the oldest go first; expired sessions are
// removed. Run by the writer replica only (one pruner is enough, and two would race), at start and
// hourly.
import type { Retention } from "../config/config";
import type { Logger } from "../observability/logger";
import type { Database } from "./database";
import type { WriterElection } from "./writer-lease";

const dayMs = 86_400_000;
const hourMs = 3_600_000;

export type PruneCounts = Record<"audit_entries" | "weight_points" | "analysis_records" | "sessions", number>;

/** Deletes what is past retention or beyond the limits; resolves with the rows deleted per table. */
export async function pruneOnce(store: Database, retention: Retention, now: number): Promise<PruneCounts> {
  const { db } = store;
  const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
  let audit = deleted(
    await db
      .deleteFrom("audit_entries")
      .where("time_ms", "<", now - retention.auditDays * dayMs)
      .executeTakeFirst(),
  );
  // Insertion order: an action's start always goes before its result.
  const oldestAuditKept = await db
    .selectFrom("audit_entries")
    .select("seq")
    .orderBy("seq", "desc")
    .offset(retention.maxAuditEntries - 1)
    .limit(1)
    .executeTakeFirst();
  if (oldestAuditKept)
    audit += deleted(
      await db.deleteFrom("audit_entries").where("seq", "<", oldestAuditKept.seq).executeTakeFirst(),
    );

  let history = deleted(
    await db
      .deleteFrom("weight_points")
      .where("t", "<", now - retention.historyDays * dayMs)
      .executeTakeFirst(),
  );
  const oldestPointKept = await db
    .selectFrom("weight_points")
    .select("t")
    .orderBy("t", "desc")
    .offset(retention.maxHistoryPoints - 1)
    .limit(1)
    .executeTakeFirst();
  if (oldestPointKept)
    history += deleted(
      await db.deleteFrom("weight_points").where("t", "<", oldestPointKept.t).executeTakeFirst(),
    );

  let analysis = deleted(
    await db
      .deleteFrom("analysis_records")
      .where("updated_ms", "<", now - retention.analysisDays * dayMs)
      .executeTakeFirst(),
  );
  const oldestRecordKept = await db
    .selectFrom("analysis_records")
    .select("updated_ms")
    .orderBy("updated_ms", "desc")
    .offset(retention.maxAnalysisRecords - 1)
    .limit(1)
    .executeTakeFirst();
  if (oldestRecordKept)
    analysis += deleted(
      await db
        .deleteFrom("analysis_records")
        .where("updated_ms", "<", oldestRecordKept.updated_ms)
        .executeTakeFirst(),
    );

  const sessions = deleted(await db.deleteFrom("sessions").where("expires_ms", "<=", now).executeTakeFirst());
  return { audit_entries: audit, weight_points: history, analysis_records: analysis, sessions };
}

/** Prunes now and hourly while this replica is the writer; returns the function that stops it. */
export function startRetention(
  store: Database,
  writer: WriterElection,
  retention: Retention,
  log: Logger,
  intervalMs = hourMs,
): () => void {
  let running = false;
  const run = async () => {
    if (running || !writer.isHeld) return;
    running = true;
    try {
      const counts = await pruneOnce(store, retention, Date.now());
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      if (total > 0) log.info({ deleted: counts }, `retention removed ${total} rows from the store`);
      else log.debug({ deleted: counts }, "retention found nothing to remove");
    } catch (error) {
      log.error({ err: error }, "retention could not prune the store; the next run tries again");
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
