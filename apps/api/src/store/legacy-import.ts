// Brings what the previous version kept in files under the data dir into the store, once: the audit
// log (audit.jsonl and its rotated copies), gate decisions (gates.json), follow-ups (follow-ups.json)
// and the weight history (history.jsonl). That history has no object UIDs, so it is kept under
// `legacy:<cluster/kind/namespace/name>`: shown as an earlier object, never mixed into a live one's.
// Each file is imported in one transaction, recorded in store_meta with its counts and renamed to
// `<name>.imported-<date>` (never deleted); rows already present are left as they are, so an import
// cut short and run again adds nothing twice. A file that exists but cannot be read stops the start:
// nothing a person did may be dropped without anyone knowing.
import { readFile, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Insertable, Transaction } from "kysely";
import { z } from "zod";
import { auditEntryRow, auditEntrySchema } from "../audit/audit-log";
import { gateDecisionRow, gateDecisionSchema, gateScopeOf } from "../gates/gate-store";
import { historyPointSchema } from "../history/weight-history";
import type { Logger } from "../observability/logger";
import type { Database } from "./database";
import { parseJsonAs } from "./stored-json";
import type { Tables } from "./tables";

export const legacyImportMetaKey = "legacy-import";

/** Audit files oldest first, so entries keep their order in the store. */
const auditFiles = [
  "audit.jsonl.5",
  "audit.jsonl.4",
  "audit.jsonl.3",
  "audit.jsonl.2",
  "audit.jsonl.1",
  "audit.jsonl",
];
export const legacyFiles = [...auditFiles, "gates.json", "follow-ups.json", "history.jsonl"] as const;

const batchSize = 500;

// Audit entries and gate decisions were written in the formats the store keeps (what came since is
// optional), so they are read with the store's own schemas and rows; the other files have formats
// of their own, as the previous version wrote them (they never change again).

const legacyFollowUpSchema = z.object({
  id: z.string(),
  cluster: z.string(),
  namespace: z.string(),
  name: z.string(),
  lastAppliedSpec: z.string(),
  requests: z.array(z.unknown()),
  reason: z.string(),
});

const legacyHistoryLineSchema = historyPointSchema.extend({ key: z.string() });

const fileRecordSchema = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  /** Entries read from the file. */
  entries: z.number(),
  /** Of those, new to the store (the rest were there already). */
  inserted: z.number(),
  /** Lines that could not be used (a torn last line, or one that is not an entry). */
  skipped: z.number(),
  at: z.string(),
  renamedTo: z.string().optional(),
});
type FileRecord = z.infer<typeof fileRecordSchema>;
const metaSchema = z.object({ files: z.record(z.string(), fileRecordSchema) });

interface FileCounts {
  entries: number;
  inserted: number;
  skipped: number;
}

type Trx = Transaction<Tables>;

export async function importLegacyData(store: Database, dataDir: string, log: Logger): Promise<void> {
  const present: Array<{ name: string; path: string; size: number; mtimeMs: number }> = [];
  for (const name of legacyFiles) {
    const path = join(dataDir, name);
    try {
      const info = await stat(path);
      if (info.isFile()) present.push({ name, path, size: info.size, mtimeMs: info.mtimeMs });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw unusable(path, `could not be read (${(error as Error).message})`);
    }
  }
  if (present.length === 0) return;

  const meta = await readMeta(store);
  const stamp = new Date()
    .toISOString()
    .replace(/:/g, "-")
    .replace(/\.\d{3}Z$/, "Z");
  for (const file of present) {
    const before = meta.files[file.name];
    // Imported by an earlier start that could not rename it: the store has it already.
    const alreadyImported = before?.size === file.size && before.mtimeMs === file.mtimeMs;
    if (!alreadyImported) {
      const text = await readFile(file.path, "utf8").catch((error: unknown) => {
        throw unusable(file.path, `could not be read (${(error as Error).message})`);
      });
      const counts = await store.db
        .transaction()
        .execute((trx) => importFile(trx, file.name, file.path, text, file.mtimeMs));
      meta.files[file.name] = {
        size: file.size,
        mtimeMs: file.mtimeMs,
        ...counts,
        at: new Date().toISOString(),
      };
      await writeMeta(store, meta);
      log.info(
        { file: file.path, ...counts },
        `imported ${counts.entries} entries from ${file.name} written by the previous version`,
      );
      if (counts.skipped > 0)
        log.warn(
          { file: file.path, skipped: counts.skipped },
          `${counts.skipped} lines of ${file.name} were torn or not entries and were left out`,
        );
    }
    try {
      const renamedTo = await freeName(`${file.path}.imported-${stamp}`);
      await rename(file.path, renamedTo);
      const record = meta.files[file.name];
      if (record) meta.files[file.name] = { ...record, renamedTo };
      await writeMeta(store, meta);
    } catch (error) {
      // The store has the entries and knows this file: the next start skips it and tries again.
      log.warn({ err: error, file: file.path }, `imported ${file.name} but could not rename it`);
    }
  }
}

async function importFile(
  trx: Trx,
  name: string,
  path: string,
  text: string,
  mtimeMs: number,
): Promise<FileCounts> {
  if (name.startsWith("audit.jsonl")) return importAudit(trx, text);
  if (name === "history.jsonl") return importHistory(trx, text);
  const json = parseDocument(path, text);
  if (name === "gates.json") return importGates(trx, path, json);
  return importFollowUps(trx, path, json, mtimeMs);
}

async function importAudit(trx: Trx, text: string): Promise<FileCounts> {
  const rows: Array<Insertable<Tables["audit_entries"]>> = [];
  let skipped = 0;
  for (const line of lines(text)) {
    const entry = parseJsonAs(auditEntrySchema, line);
    const timeMs = entry ? Date.parse(entry.time) : Number.NaN;
    if (!entry || Number.isNaN(timeMs)) {
      skipped++;
      continue;
    }
    rows.push(auditEntryRow(entry));
  }
  const inserted = await insertInBatches(rows, (batch) =>
    trx
      .insertInto("audit_entries")
      .values(batch)
      .onConflict((oc) => oc.columns(["id", "result"]).doNothing())
      .executeTakeFirst(),
  );
  return { entries: rows.length, inserted, skipped };
}

async function importHistory(trx: Trx, text: string): Promise<FileCounts> {
  const rows: Array<Tables["weight_points"]> = [];
  const timesByKey = new Map<string, Set<number>>();
  let skipped = 0;
  for (const line of lines(text)) {
    const parsed = parseJsonAs(legacyHistoryLineSchema, line);
    if (!parsed) {
      skipped++;
      continue;
    }
    const { key, ...point } = parsed;
    // The store keys points by (uid, t): two in one millisecond keep their order a millisecond apart.
    const times = timesByKey.get(key) ?? new Set<number>();
    timesByKey.set(key, times);
    let t = point.t;
    while (times.has(t)) t++;
    times.add(t);
    rows.push({
      delivery_key: key,
      uid: `legacy:${key}`,
      t,
      revision: point.revision ?? null,
      point: JSON.stringify({ ...point, t }),
    });
  }
  const inserted = await insertInBatches(rows, (batch) =>
    trx
      .insertInto("weight_points")
      .values(batch)
      .onConflict((oc) => oc.columns(["uid", "t"]).doNothing())
      .executeTakeFirst(),
  );
  return { entries: rows.length, inserted, skipped };
}

async function importGates(trx: Trx, path: string, json: unknown): Promise<FileCounts> {
  const decisions = validate(path, json, z.array(gateDecisionSchema));
  let inserted = 0;
  for (const d of decisions) {
    const result = await trx
      .insertInto("gate_decisions")
      .values(gateDecisionRow({ ...d, scope: gateScopeOf(d) }, 0))
      // A decision made in the store since is newer than the file's.
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return { entries: decisions.length, inserted, skipped: 0 };
}

async function importFollowUps(trx: Trx, path: string, json: unknown, mtimeMs: number): Promise<FileCounts> {
  const followUps = validate(path, json, z.array(legacyFollowUpSchema));
  let inserted = 0;
  for (const f of followUps) {
    const result = await trx
      .insertInto("follow_ups")
      .values({
        id: f.id,
        cluster: f.cluster,
        namespace: f.namespace,
        name: f.name,
        // The old file kept no creation time; it was last written no earlier than this.
        created_ms: Math.floor(mtimeMs),
        body: JSON.stringify(f),
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return { entries: followUps.length, inserted, skipped: 0 };
}

async function readMeta(store: Database): Promise<z.infer<typeof metaSchema>> {
  const row = await store.db
    .selectFrom("store_meta")
    .select("value")
    .where("key", "=", legacyImportMetaKey)
    .executeTakeFirst();
  // Unreadable: import again; rows already present are left as they are.
  return (row && parseJsonAs(metaSchema, row.value)) ?? { files: {} };
}

async function writeMeta(store: Database, meta: { files: Record<string, FileRecord> }): Promise<void> {
  const value = JSON.stringify(meta);
  await store.db
    .insertInto("store_meta")
    .values({ key: legacyImportMetaKey, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

/** `path`, or `path-2`, `path-3` … if taken: a rename must never replace an earlier imported copy. */
async function freeName(path: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? path : `${path}-${n}`;
    try {
      await stat(candidate);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return candidate;
      throw error;
    }
  }
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

function parseDocument(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw unusable(path, `is not valid JSON (${(error as Error).message})`);
  }
}

function validate<T>(path: string, json: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `at ${issue.path.join(".")}: ` : "";
  throw unusable(
    path,
    `does not hold what the previous version saved (${where}${issue?.message ?? "invalid"})`,
  );
}

/** Inserts `rows` a batch at a time; answers how many `insert` added (rows already there are left). */
async function insertInBatches<T>(
  rows: T[],
  insert: (batch: T[]) => Promise<{ numInsertedOrUpdatedRows?: bigint }>,
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const result = await insert(rows.slice(i, i + batchSize));
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

function unusable(path: string, reason: string): Error {
  return new Error(
    `${path} ${reason}. It was written by the previous version and must be imported into the store before ` +
      "Rollscope starts; the file has been kept as it is: repair it or move it away, then start again",
  );
}
