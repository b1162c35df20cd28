// Keeps the store bounded: audit entries, weight history and the analysis record older than their
// retention are deleted, and beyond their row limits the oldest go first; expired sessions are
// removed. Run by the writer replica only (one pruner is enough, and two would race), at start and
// hourly.
import type { Kysely } from "kysely";
import type { Retention } from "../config/config";
import type { Logger } from "../observability/logger";
import type { Database } from "./database";
import type { WriterElection } from "./writer-lease";

const dayMs = 86_400_000;
const hourMs = 3_600_000;

export type PruneCounts = Record<"audit_entries" | "weight_points" | "analysis_records" | "sessions", number>;

/**
 * One table's rule: rows whose `age` column is older than `days` go, then all but the newest `max` by
 * `order` (the newest are always kept; rows tied with the oldest one kept stay too).
 */
interface TableRule {
  table: keyof PruneCounts;
  age: string;
  order: string;
  days: number;
  max: number;
}

/** Deletes what is past retention or beyond the limits; resolves with the rows deleted per table. */
export async function pruneOnce(store: Database, retention: Retention, now: number): Promise<PruneCounts> {
  const rules: TableRule[] = [
    // Insertion order: an action's start always goes before its result.
    {
      table: "audit_entries",
      age: "time_ms",
      order: "seq",
      days: retention.auditDays,
      max: retention.maxAuditEntries,
    },
    {
      table: "weight_points",
      age: "t",
      order: "t",
      days: retention.historyDays,
      max: retention.maxHistoryPoints,
    },
    {
      table: "analysis_records",
      age: "updated_ms",
      order: "updated_ms",
      days: retention.analysisDays,
      max: retention.maxAnalysisRecords,
    },
  ];
  const counts: PruneCounts = { audit_entries: 0, weight_points: 0, analysis_records: 0, sessions: 0 };
  for (const rule of rules) counts[rule.table] = await pruneTable(store, rule, now);
  counts.sessions = deleted(
    await store.db.deleteFrom("sessions").where("expires_ms", "<=", now).executeTakeFirst(),
  );
  return counts;
}

const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);

async function pruneTable(store: Database, rule: TableRule, now: number): Promise<number> {
  // The rules name their columns as data; every one of them is a BIGINT column of its table.
  const db = store.db as unknown as Kysely<Record<string, Record<string, number>>>;
  let count = deleted(
    await db
      .deleteFrom(rule.table)
      .where(rule.age, "<", now - rule.days * dayMs)
      .executeTakeFirst(),
  );
  const oldestKept = await db
    .selectFrom(rule.table)
    .select(rule.order)
    .orderBy(rule.order, "desc")
    .offset(rule.max - 1)
    .limit(1)
    .executeTakeFirst();
  const bound = oldestKept?.[rule.order];
  if (bound !== undefined)
    count += deleted(await db.deleteFrom(rule.table).where(rule.order, "<", bound).executeTakeFirst());
  return count;
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
