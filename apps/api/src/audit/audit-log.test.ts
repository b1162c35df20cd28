import { describe, expect, it } from "vitest";
import type { Database } from "../store/database";
import { ReplicaPresence } from "../store/replica-presence";
import { storeBackendNames, useTestStore } from "../store/testing/store-matrix";
import { type AuditEntry, AuditLog, interruptedError } from "./audit-log";

const entry = (action: string, name: string, result: AuditEntry["result"] = "succeeded") => ({
  id: `id-${action}`,
  identity: "ana",
  cluster: "prod",
  object: { kind: "Rollout", namespace: "shop", name },
  action,
  requests: [{ type: "patch" }],
  result,
});

describe.each(storeBackendNames())("audit log on %s", (backend) => {
  const { open } = useTestStore(backend);
  /** One replica's audit log: its own store connection and presence (not started: never heartbeats). */
  const replica = async (holder: string, database?: Database) => {
    const db = database ?? (await open());
    return new AuditLog(db, new ReplicaPresence(db.db, holder));
  };

  it("is committed before append resolves, listed newest first, filtered and limited", async () => {
    const log = await replica("a");
    await log.append(entry("promote", "web"));
    await log.append(entry("abort", "api"));
    await log.append({ ...entry("pause", "web"), cluster: "staging" });
    await log.append({ ...entry("retry", "web"), object: { kind: "Canary", namespace: "pay", name: "web" } });
    expect((await log.list()).map((e) => e.action)).toEqual(["retry", "pause", "abort", "promote"]);
    expect((await log.list({ name: "web" })).map((e) => e.action)).toEqual(["retry", "pause", "promote"]);
    expect((await log.list({ cluster: "staging" })).map((e) => e.action)).toEqual(["pause"]);
    expect((await log.list({ namespace: "pay" })).map((e) => e.action)).toEqual(["retry"]);
    expect((await log.list({ kind: "Rollout", name: "web" })).map((e) => e.action)).toEqual([
      "pause",
      "promote",
    ]);
    expect((await log.list({ limit: 2 })).map((e) => e.action)).toEqual(["retry", "pause"]);
    const [newest] = await log.list({ limit: 1 });
    expect(newest).toMatchObject({ replica: "a", requests: [{ type: "patch" }] });
    expect(Date.parse(newest?.time ?? "")).not.toBeNaN();
  });

  it("lists at most 1000 entries however many are asked for", async () => {
    const database = await open();
    const log = await replica("a", database);
    await database.db
      .insertInto("audit_entries")
      .values(
        Array.from({ length: 1005 }, (_, i) => {
          const e = { ...entry(`a${i}`, "web"), time: new Date(i).toISOString() };
          return {
            id: e.id,
            result: e.result,
            time_ms: i,
            cluster: e.cluster,
            kind: e.object.kind,
            namespace: e.object.namespace,
            name: e.object.name,
            identity: e.identity,
            action: e.action,
            entry: JSON.stringify(e),
          };
        }),
      )
      .execute();
    const listed = await log.list({ limit: 5000 });
    expect(listed).toHaveLength(1000);
    expect(listed[0]?.action).toBe("a1004");
  });

  it("leaves out a stored row that is not an entry and says so, listing the rest", async () => {
    const database = await open();
    const log = await replica("a", database);
    await log.append(entry("promote", "web"));
    await database.db
      .insertInto("audit_entries")
      .values({
        id: "bad",
        result: "succeeded",
        time_ms: 0,
        cluster: "prod",
        kind: "Rollout",
        namespace: "shop",
        name: "web",
        identity: "ana",
        action: "x",
        entry: '{"id":"bad","ti',
      })
      .execute();
    expect(await log.read({ name: "web" })).toEqual({
      entries: [expect.objectContaining({ action: "promote" })],
      unreadable: 1,
    });
  });

  it("keeps 100 concurrent appends, each listed once", async () => {
    const log = await replica("a");
    const actions = Array.from({ length: 100 }, (_, i) => `a${i}`);
    await Promise.all(actions.map((action) => log.append(entry(action, "web"))));
    const listed = (await log.list({ limit: 1000 })).map((e) => e.action);
    expect(listed).toHaveLength(100);
    expect(new Set(listed)).toEqual(new Set(actions));
  });

  it("adds nothing when the same step of an action is written again, and answers with the stored one", async () => {
    const log = await replica("a");
    const first = await log.append({ ...entry("promote", "web"), time: "2026-12-01T10:00:00.000Z" });
    const again = await log.append({ ...entry("promote", "web"), time: "2026-12-01T10:00:05.000Z" });
    expect(again).toEqual(first);
    expect(await log.list()).toHaveLength(1);
  });

  it("lists an entry written by another replica on the same store", async () => {
    const a = await replica("a");
    const b = await replica("b");
    await a.append(entry("promote", "web"));
    expect(await b.list()).toEqual([expect.objectContaining({ action: "promote", replica: "a" })]);
  });

  it("marks an action of a replica that is gone as interrupted, not a live one's nor a finished one, once", async () => {
    const database = await open();
    const other = await open();
    // "live" keeps its presence fresh in the store; "gone" never wrote one (or it expired).
    const livePresence = new ReplicaPresence(other.db, "live");
    await livePresence.start();
    const live = new AuditLog(other, livePresence);
    const gone = await replica("gone", database);
    await gone.append(entry("promote", "cart", "started"));
    await gone.append(entry("abort", "ledger", "started"));
    await gone.append(entry("abort", "ledger", "failed"));
    await live.append(entry("pause", "web", "started"));

    const survivor = await replica("survivor", database);
    expect(await survivor.markInterrupted()).toBe(1);
    expect(await survivor.markInterrupted()).toBe(0);
    const marked = (await survivor.list()).filter((e) => e.result === "interrupted");
    expect(marked).toEqual([
      expect.objectContaining({ id: "id-promote", action: "promote", error: interruptedError }),
    ]);
    expect((await survivor.list({ name: "web" })).map((e) => e.result)).toEqual(["started"]);
    await livePresence.stop();
  });

  it("marks an action started before the store (no replica named) as interrupted", async () => {
    const database = await open();
    const started = { ...entry("promote", "cart", "started"), time: "2026-11-01T10:00:00.000Z" };
    await database.db
      .insertInto("audit_entries")
      .values({
        id: started.id,
        result: "started",
        time_ms: Date.parse(started.time),
        cluster: "prod",
        kind: "Rollout",
        namespace: "shop",
        name: "cart",
        identity: "ana",
        action: "promote",
        entry: JSON.stringify(started),
      })
      .execute();
    const log = await replica("a", database);
    expect(await log.markInterrupted()).toBe(1);
    expect((await log.list()).map((e) => e.result)).toEqual(["interrupted", "started"]);
  });

  it("adds one interrupted entry when two replicas mark at the same time", async () => {
    const database = await open();
    const gone = await replica("gone", database);
    for (let i = 0; i < 10; i++) await gone.append(entry(`promote-${i}`, "cart", "started"));
    const a = await replica("a");
    const b = await replica("b");
    const [byA, byB] = await Promise.all([a.markInterrupted(), b.markInterrupted()]);
    expect((byA ?? 0) + (byB ?? 0)).toBe(10);
    const interrupted = (await a.list()).filter((e) => e.result === "interrupted");
    expect(interrupted).toHaveLength(10);
  });
});
