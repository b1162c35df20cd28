import { describe, expect, it, vi } from "vitest";
import type { Retention } from "../config/config";
import { silentLogger } from "../observability/logger";
import type { Database } from "./database";
import { pruneOnce, startRetention } from "./retention";
import { backendNamed, storeBackendNames } from "./testing/store-matrix";
import { WriterLease } from "./writer-lease";

const day = 86_400_000;
const now = 100 * day;
const retention: Retention = {
  auditDays: 10,
  historyDays: 10,
  analysisDays: 10,
  maxAuditEntries: 3,
  maxHistoryPoints: 4,
  maxAnalysisRecords: 2,
};

async function fill(database: Database): Promise<void> {
  await database.db
    .insertInto("audit_entries")
    .values(
      [80, 95, 96, 97, 98, 99].map((d) => ({
        id: `a${d}`,
        result: "succeeded",
        time_ms: d * day,
        cluster: "c",
        kind: "Rollout",
        namespace: "ns",
        name: "app",
        identity: "ana",
        action: "promote",
        entry: "{}",
      })),
    )
    .execute();
  await database.db
    .insertInto("weight_points")
    .values(
      [50, 91, 92, 93, 94, 95, 96].map((d) => ({
        delivery_key: "c/Rollout/ns/app",
        uid: d % 2 === 0 ? "u1" : "u2",
        t: d * day,
        revision: null,
        point: "{}",
      })),
    )
    .execute();
  await database.db
    .insertInto("analysis_records")
    .values(
      [85, 95, 96, 97].map((d) => ({
        record_id: `r${d}`,
        delivery_key: "c/Rollout/ns/app",
        delivery_uid: "u1",
        revision: "abc",
        kind: "AnalysisRun",
        name: `run-${d}`,
        phase: "Successful",
        started_ms: d * day - 1000,
        updated_ms: d * day,
        verdict: "passed",
        body: "{}",
      })),
    )
    .execute();
  await database.db
    .insertInto("sessions")
    .values([
      { id_hash: "expired", created_ms: now - day, expires_ms: now - 1, actor: "{}" },
      { id_hash: "live", created_ms: now - day, expires_ms: now + day, actor: "{}" },
    ])
    .execute();
}

async function remaining(database: Database) {
  return {
    audit: (await database.db.selectFrom("audit_entries").select("id").orderBy("seq").execute()).map(
      (r) => r.id,
    ),
    points: (await database.db.selectFrom("weight_points").select("t").orderBy("t").execute()).map(
      (r) => r.t / day,
    ),
    records: (
      await database.db.selectFrom("analysis_records").select("record_id").orderBy("updated_ms").execute()
    ).map((r) => r.record_id),
    sessions: (await database.db.selectFrom("sessions").select("id_hash").execute()).map((r) => r.id_hash),
  };
}

describe.each(storeBackendNames())("retention on %s", (backend) => {
  it("deletes what is too old, then the oldest beyond each limit, and expired sessions", async () => {
    const s = await backendNamed(backend)();
    const database = await s.open();
    await fill(database);
    expect(await pruneOnce(database, retention, now)).toEqual({
      audit_entries: 3,
      weight_points: 3,
      analysis_records: 2,
      sessions: 1,
    });
    expect(await remaining(database)).toEqual({
      audit: ["a97", "a98", "a99"],
      points: [93, 94, 95, 96],
      records: ["r96", "r97"],
      sessions: ["live"],
    });
    expect(await pruneOnce(database, retention, now)).toEqual({
      audit_entries: 0,
      weight_points: 0,
      analysis_records: 0,
      sessions: 0,
    });
    await database.close();
    await s.cleanup();
  });

  it("prunes only while this replica is the writer", async () => {
    const s = await backendNamed(backend)();
    const database = await s.open();
    // Everything is old by today's clock.
    await fill(database);
    const lease = new WriterLease(database.db, { holder: "a" });
    const stopIdle = startRetention(database, lease, retention, silentLogger(), 50);
    await new Promise((resolve) => setTimeout(resolve, 200));
    stopIdle();
    expect((await remaining(database)).audit).toHaveLength(6);

    await lease.tryAcquire();
    const stop = startRetention(database, lease, retention, silentLogger(), 50);
    await vi.waitFor(async () => expect(await remaining(database)).toMatchObject({ audit: [], points: [] }), {
      timeout: 5_000,
    });
    stop();
    await lease.stop();
    await database.close();
    await s.cleanup();
  });
});
