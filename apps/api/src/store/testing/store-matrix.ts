// Runs a store test against both back ends: the embedded SQLite file and a real PostgreSQL (one
// server per test run, started by test/postgres-global-setup.ts; a fresh database per call).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, inject } from "vitest";
import { type Database, openDatabase } from "../database";
import { startTestPostgres } from "./test-postgres";

export interface StoreUnderTest {
  name: "sqlite" | "postgres";
  /** Opens the store (the same one again after a close: a restart). */
  open(): Promise<Database>;
  /** Removes what open() created. */
  cleanup(): Promise<void>;
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | undefined;
    postgresSkipReason: string | undefined;
  }
}

/** Each back end the tests run against; PostgreSQL is left out (with the reason) when it is not installed. */
export function storeBackends(): Array<() => Promise<StoreUnderTest>> {
  const backends: Array<() => Promise<StoreUnderTest>> = [embeddedBackend];
  if (inject("postgresUrl")) backends.push(postgresBackend);
  return backends;
}

export const storeBackendNames = (): Array<"sqlite" | "postgres"> =>
  inject("postgresUrl") ? ["sqlite", "postgres"] : ["sqlite"];

export function backendNamed(name: "sqlite" | "postgres"): () => Promise<StoreUnderTest> {
  return name === "sqlite" ? embeddedBackend : postgresBackend;
}

export interface TestStore {
  /** A new connection to this test's store: another replica, or the same one after closeAll. */
  open(): Promise<Database>;
  /** Closes every connection opened so far, as a restart of every replica does. */
  closeAll(): Promise<void>;
}

/** A fresh store on `backend` for each test; its connections are closed and it is removed after. */
export function useTestStore(backend: "sqlite" | "postgres"): TestStore {
  let store: StoreUnderTest | undefined;
  const opened: Database[] = [];
  const closeAll = async () => {
    for (const database of opened.splice(0)) await database.close();
  };
  afterEach(async () => {
    await closeAll();
    await store?.cleanup();
    store = undefined;
  });
  return {
    async open() {
      store ??= await backendNamed(backend)();
      const database = await store.open();
      opened.push(database);
      return database;
    },
    closeAll,
  };
}

async function embeddedBackend(): Promise<StoreUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), "rollscope-store-"));
  return {
    name: "sqlite",
    open: () => openDatabase({ dataDir }),
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function postgresBackend(): Promise<StoreUnderTest> {
  const serverUrl = inject("postgresUrl");
  if (!serverUrl) throw new Error("no test PostgreSQL was started");
  const pg = (await import("pg")).default;
  const name = `t_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = serverUrl.replace(/\/postgres$/, `/${name}`);
  const dataDir = mkdtempSync(join(tmpdir(), "rollscope-store-"));
  return {
    name: "postgres",
    open: () => openDatabase({ url, dataDir, poolSize: 4 }),
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export { startTestPostgres };
