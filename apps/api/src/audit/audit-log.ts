// Every mutation a person asks for, written to the shared store before it is acknowledged: who, when,
// where, what, by which lever, the exact requests, the state it was made from, and the result. Every
// replica reads the same table, so an entry written by one is listed by all.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Database } from "../store/database";
import type { ReplicaPresence } from "../store/replica-presence";
import { parseJsonAs } from "../store/stored-json";
import type { AuditEntriesTable } from "../store/tables";

export const auditEntrySchema = z.object({
  id: z.string(),
  time: z.string(),
  identity: z.string(),
  cluster: z.string(),
  object: z.object({ kind: z.string(), namespace: z.string(), name: z.string() }),
  action: z.string(),
  lever: z.string().optional(),
  description: z.string().optional(),
  requests: z.array(z.unknown()).default([]),
  observed: z.unknown().optional(),
  /**
   * started → succeeded | failed, or interrupted when the replica that started it stopped before the
   * result was known (written by a replica that finds it gone: see markInterrupted); refused is written alone.
   */
  result: z.enum(["started", "succeeded", "failed", "refused", "interrupted"]),
  error: z.string().optional(),
  /** The replica that wrote the entry (absent in entries written before the store). */
  replica: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const interruptedError =
  "Rollscope stopped before this action's result was known; check the object's state";

export interface AuditQuery {
  cluster?: string;
  namespace?: string;
  name?: string;
  kind?: string;
  limit?: number;
}

/** Entries as read, and how many stored rows were not valid entries (so a short list is explained). */
export interface AuditRead {
  entries: AuditEntry[];
  unreadable: number;
}

export const maxAuditListLimit = 1000;

export class AuditLog {
  constructor(
    private readonly store: Database,
    private readonly presence: ReplicaPresence,
  ) {}

  newId(): string {
    return randomUUID();
  }

  /**
   * Writes one entry; resolves only once it is committed. Writing the same step of the same action
   * again (a retry) adds nothing and resolves with the entry stored first.
   */
  async append(entry: Omit<AuditEntry, "time" | "replica"> & { time?: string }): Promise<AuditEntry> {
    const full = auditEntrySchema.parse({
      ...entry,
      time: entry.time ?? new Date().toISOString(),
      replica: this.presence.holder,
    });
    if (await this.insertOnce(full)) return full;
    const stored = await this.store.db
      .selectFrom("audit_entries")
      .select("entry")
      .where("id", "=", full.id)
      .where("result", "=", full.result)
      .executeTakeFirst();
    return (stored && parseEntry(stored.entry)) ?? full;
  }

  /** Entries, newest first; an action's start and its result are both listed. */
  async list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    return (await this.read(query)).entries;
  }

  /** Like list, and says how many stored rows could not be read as entries (they are left out). */
  async read(query: AuditQuery = {}): Promise<AuditRead> {
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? 200)), maxAuditListLimit);
    let select = this.store.db.selectFrom("audit_entries").select("entry");
    if (query.cluster) select = select.where("cluster", "=", query.cluster);
    if (query.namespace) select = select.where("namespace", "=", query.namespace);
    if (query.name) select = select.where("name", "=", query.name);
    if (query.kind) select = select.where("kind", "=", query.kind);
    const rows = await select.orderBy("seq", "desc").limit(limit).execute();
    const entries: AuditEntry[] = [];
    let unreadable = 0;
    for (const row of rows) {
      const entry = parseEntry(row.entry);
      if (entry) entries.push(entry);
      else unreadable++;
    }
    return { entries, unreadable };
  }

  /**
   * Finishes every action left `started` by a replica that is no longer alive (or by a Rollscope from
   * before the store, which names none): its result will never be written, so it gets one durable
   * `interrupted` entry. Actions of live replicas are still in flight and are left alone. Safe to run
   * on several replicas at once: the (id, result) constraint keeps one row per action. Resolves with
   * how many this call marked.
   */
  async markInterrupted(): Promise<number> {
    const live = await this.presence.liveHolders();
    const unfinished = await this.store.db
      .selectFrom("audit_entries as started")
      .select("started.entry")
      .where("started.result", "=", "started")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("audit_entries as later")
              .select("later.seq")
              .whereRef("later.id", "=", "started.id")
              .where("later.result", "<>", "started"),
          ),
        ),
      )
      .orderBy("started.seq")
      .execute();
    let marked = 0;
    for (const row of unfinished) {
      const started = parseEntry(row.entry);
      if (!started || (started.replica !== undefined && live.has(started.replica))) continue;
      const { time: _time, error: _error, replica: _replica, ...rest } = started;
      const interrupted = auditEntrySchema.parse({
        ...rest,
        result: "interrupted",
        error: interruptedError,
        time: new Date().toISOString(),
        replica: this.presence.holder,
      });
      if (await this.insertOnce(interrupted)) marked += 1;
    }
    return marked;
  }

  /** Writes the entry unless that step of that action is stored already; says whether it did. */
  private async insertOnce(entry: AuditEntry): Promise<boolean> {
    const inserted = await this.store.db
      .insertInto("audit_entries")
      .values(auditEntryRow(entry))
      .onConflict((oc) => oc.columns(["id", "result"]).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}

/** The stored row of an entry: the entry itself and the columns lists are filtered and ordered by. */
export function auditEntryRow(entry: AuditEntry): Omit<AuditEntriesTable, "seq"> {
  const at = Date.parse(entry.time);
  return {
    id: entry.id,
    result: entry.result,
    time_ms: Number.isFinite(at) ? at : Date.now(),
    cluster: entry.cluster,
    kind: entry.object.kind,
    namespace: entry.object.namespace,
    name: entry.object.name,
    identity: entry.identity,
    action: entry.action,
    entry: JSON.stringify(entry),
  };
}

/** A stored entry, or undefined for a row that is not one. */
const parseEntry = (text: string): AuditEntry | undefined => parseJsonAs(auditEntrySchema, text);
