import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedStoreBusyError, openDatabase, redactUrl } from "./database";
import { migrations as allMigrations } from "./migrations";
import { backendNamed, type StoreUnderTest, storeBackendNames } from "./testing/store-matrix";
import { WriterLease } from "./writer-lease";

describe.each(storeBackendNames())("store on %s", (backend) => {
  let store: StoreUnderTest | undefined;
  afterEach(async () => {
    await store?.cleanup();
    store = undefined;
  });

  it("creates every table at the newest schema and keeps rows across a restart", async () => {
    store = await backendNamed(backend)();
    const first = await store.open();
    await first.db.insertInto("store_meta").values({ key: "k", value: "v" }).execute();
    await first.close();
    const again = await store.open();
    expect(await again.db.selectFrom("store_meta").selectAll().execute()).toEqual([{ key: "k", value: "v" }]);
    const migrations = await sql<{ name: string }>`select name from rollscope_migrations`.execute(again.db);
    expect(migrations.rows.map((r) => r.name)).toEqual(Object.keys(allMigrations(backend)));
    expect(await again.sizeBytes()).toBeGreaterThan(0);
    await again.close();
  });

  it("reads BIGINT columns back as numbers", async () => {
    store = await backendNamed(backend)();
    const db = await store.open();
    await db.db
      .insertInto("leases")
      .values({ name: "n", holder: "h", expires_ms: 1_765_000_000_123 })
      .execute();
    const row = await db.db
      .selectFrom("leases")
      .selectAll()
      .where("name", "=", "n")
      .executeTakeFirstOrThrow();
    expect(row.expires_ms).toBe(1_765_000_000_123);
    await db.close();
  });

  it("elects one writer; another takes over when it stops or its lease expires", async () => {
    store = await backendNamed(backend)();
    const db = await store.open();
    let now = 1_000_000;
    const a = new WriterLease(db.db, { holder: "a", ttlMs: 10_000, now: () => now });
    const b = new WriterLease(db.db, { holder: "b", ttlMs: 10_000, now: () => now });
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    now += 5_000;
    expect(await a.tryAcquire()).toBe(true);
    now += 11_000;
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(false);
    await b.stop();
    expect(await a.tryAcquire()).toBe(true);
    await db.close();
  });
});

describe("embedded store", () => {
  it("refuses a second process on the same data dir and says what to do", async () => {
    const store = await backendNamed("sqlite")();
    const db = await store.open();
    const dataDir = (db.where.match(/^(.*)\/rollscope\.db$/) ?? [])[1] as string;
    const child = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import(${JSON.stringify(fileURLToPath(new URL("./database.ts", import.meta.url)))}).then(m => m.openDatabase({ dataDir: ${JSON.stringify(dataDir)} })).then(() => console.log("opened"), e => { console.log(e.constructor.name + ": " + e.message); })`,
      ],
      { encoding: "utf8", timeout: 30_000 },
    );
    expect(child.stdout).toContain("EmbeddedStoreBusyError");
    expect(child.stdout).toContain("--database-url postgres://");
    await db.close();
    // Once the first has closed, the file opens again.
    const again = await openDatabase({ dataDir });
    await again.close();
    await store.cleanup();
    expect(EmbeddedStoreBusyError).toBeDefined();
  });

  it("never shows a URL's password", () => {
    expect(redactUrl("postgres://rollscope:s3cret@db:5432/rollscope")).toBe(
      "postgres://rollscope:***@db:5432/rollscope",
    );
  });
});
