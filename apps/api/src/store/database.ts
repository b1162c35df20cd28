// Opens the one store for everything Rollscope keeps: an embedded SQLite file under the data dir by
// default (no setup; one replica), or PostgreSQL when a `postgres://` URL is given (several replicas
// share it). Both are brought to the newest schema before anything reads them.
import { statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { Kysely, Migrator, PostgresDialect, type SqliteDatabase, SqliteDialect, sql } from "kysely";
import Sqlite from "libsql";
import { migrations } from "./migrations";
import { withStatementCache } from "./statement-cache";
import type { Tables } from "./tables";

export type Dialect = "sqlite" | "postgres";

export interface Database {
  db: Kysely<Tables>;
  dialect: Dialect;
  /** Where the data lives, for logs and messages (a URL's password is never included). */
  where: string;
  /** Bytes the store takes (file plus WAL, or the PostgreSQL database). */
  sizeBytes(): Promise<number>;
  close: () => Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…` or `postgresql://…`; absent means the embedded file under dataDir. */
  url?: string;
  dataDir: string;
  /** PostgreSQL connections kept open per replica. */
  poolSize?: number;
}

export const embeddedFileName = "rollscope.db";

/** Thrown when the embedded file is held by another process: it serves one replica only. */
export class EmbeddedStoreBusyError extends Error {}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const database = options.url
    ? await openPostgres(options.url, options.poolSize ?? 10)
    : await openEmbedded(options.dataDir);
  try {
    await migrate(database);
    if (database.dialect === "sqlite") await claimEmbeddedStore(database);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return database;
}

async function openEmbedded(dataDir: string): Promise<Database> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, embeddedFileName);
  const connection = new Sqlite(file);
  try {
    connection.exec("PRAGMA journal_mode = WAL");
    // FULL: an entry acknowledged to a person survives a power cut, not only a crash.
    connection.exec("PRAGMA synchronous = FULL");
    connection.exec("PRAGMA busy_timeout = 5000");
  } catch (error) {
    connection.close();
    throw new Error(`${file} could not be opened as Rollscope's store: ${(error as Error).message}`);
  }
  const db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: withStatementCache(connection as unknown as SqliteDatabase) }),
  });
  return {
    db,
    dialect: "sqlite",
    where: file,
    async sizeBytes() {
      return [file, `${file}-wal`].reduce((sum, f) => {
        try {
          return sum + statSync(f).size;
        } catch {
          return sum;
        }
      }, 0);
    },
    close: () => db.destroy(),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // Loaded only for a PostgreSQL store: on load pg probes for a Cloudflare runtime by building a
  // fetch Response, which loads Node's fetch implementation (about 40 ms of every start, and memory).
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // BIGINT columns hold epoch milliseconds and counts, all well inside a double.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === pg.types.builtins.INT8
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as never,
    },
  });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    where: redactUrl(url),
    async sizeBytes() {
      const { rows } = await sql<{
        size: number;
      }>`select pg_database_size(current_database()) as size`.execute(db);
      return Number(rows[0]?.size ?? 0);
    },
    close: () => db.destroy(),
  };
}

/**
 * The embedded file serves one process: two would each believe they are the only writer. The claim is
 * a row naming host and pid, refreshed while the process runs; a second process is refused while that
 * process is alive (same host) or its claim is fresh (another host sharing the file), and takes over a
 * claim left by a process that was killed.
 */
async function claimEmbeddedStore(database: Database): Promise<void> {
  const me = `${hostname()}:${process.pid}`;
  const ttlMs = 30_000;
  const row = await database.db
    .selectFrom("leases")
    .selectAll()
    .where("name", "=", embeddedClaim)
    .executeTakeFirst();
  if (row && row.holder !== me) {
    const [host, pid] = row.holder.split(":");
    const alive = host === hostname() ? processAlive(Number(pid)) : row.expires_ms > Date.now();
    if (alive)
      throw new EmbeddedStoreBusyError(
        `${database.where} is in use by another Rollscope process (${row.holder}). The embedded store ` +
          "serves one replica only: stop the other process, give this one its own --data-dir, or run " +
          "every replica with --database-url postgres://… to share one PostgreSQL.",
      );
  }
  const claim = () =>
    database.db
      .insertInto("leases")
      .values({ name: embeddedClaim, holder: me, expires_ms: Date.now() + ttlMs })
      .onConflict((oc) => oc.column("name").doUpdateSet({ holder: me, expires_ms: Date.now() + ttlMs }))
      .execute();
  await claim();
  const timer = setInterval(() => void claim().catch(() => undefined), ttlMs / 3);
  timer.unref();
  const close = database.close;
  database.close = async () => {
    clearInterval(timer);
    await database.db
      .deleteFrom("leases")
      .where("name", "=", embeddedClaim)
      .where("holder", "=", me)
      .execute()
      .catch(() => undefined);
    await close();
  };
}

const embeddedClaim = "embedded-process";

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function migrate(database: Database): Promise<void> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations(database.dialect) },
    migrationTableName: "rollscope_migrations",
    migrationLockTableName: "rollscope_migrations_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(
      `the store at ${database.where} could not be brought to the current schema${failed ? ` (migration ${failed})` : ""}: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(an unparseable database URL)";
  }
}
