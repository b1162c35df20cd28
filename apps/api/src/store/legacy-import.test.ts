import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../observability/logger";
import type { Database } from "./database";
import { importLegacyData, legacyImportMetaKey } from "./legacy-import";
import { backendNamed, storeBackendNames } from "./testing/store-matrix";

const auditEntry = (id: string, result: string, time: string, name = "myapp") => ({
  id,
  time,
  identity: "ana",
  cluster: "kind",
  object: { kind: "Rollout", namespace: "default", name },
  action: "promote",
  lever: "patch status",
  requests: [{ verb: "patch" }],
  result,
});
const line = (value: unknown) => `${JSON.stringify(value)}\n`;

/** A data dir as the previous version left it. */
function writeOldDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "audit.jsonl.2"),
    line(auditEntry("a1", "started", "2026-01-01T10:00:00.000Z")) +
      line(auditEntry("a1", "succeeded", "2026-01-01T10:00:01.000Z")),
  );
  writeFileSync(join(dir, "audit.jsonl.1"), line(auditEntry("a2", "refused", "2026-01-02T10:00:00.000Z")));
  writeFileSync(
    join(dir, "audit.jsonl"),
    line(auditEntry("a3", "started", "2026-01-03T10:00:00.000Z", "other")) +
      line({ not: "an entry" }) +
      line(auditEntry("a3", "failed", "2026-01-03T10:00:02.000Z", "other")) +
      // Torn by a crash mid-write.
      '{"id":"a4","time":"2026-01-0',
  );
  writeFileSync(
    join(dir, "gates.json"),
    JSON.stringify([
      {
        namespace: "test",
        name: "podinfo",
        checksum: "c1",
        decision: "promote",
        by: "ana",
        at: "2026-01-01T00:00:00Z",
      },
      {
        namespace: "test",
        name: "podinfo",
        checksum: "c1",
        decision: "promote",
        scope: "confirm-rollout",
        by: "bo",
        at: "2026-01-01T00:01:00Z",
      },
      {
        namespace: "test",
        name: "podinfo",
        checksum: "c2",
        decision: "rollback",
        by: "ana",
        at: "2026-01-02T00:00:00Z",
      },
    ]),
  );
  writeFileSync(
    join(dir, "follow-ups.json"),
    JSON.stringify([
      {
        id: "f1",
        cluster: "kind",
        namespace: "test",
        name: "podinfo",
        lastAppliedSpec: "rev-a",
        requests: [{ verb: "patch", path: "/spec/skipAnalysis" }],
        reason: "restore skipAnalysis",
      },
    ]),
  );
  writeFileSync(
    join(dir, "history.jsonl"),
    line({
      key: "kind/Rollout/default/myapp",
      t: 1000,
      setWeight: 20,
      actualWeight: 20,
      phase: "Paused",
      revision: "abc",
      markers: [],
    }) +
      line({
        key: "kind/Rollout/default/myapp",
        t: 2000,
        setWeight: 40,
        actualWeight: 40,
        phase: "Paused",
        markers: [{ kind: "step", label: "Step 2/8" }],
      }) +
      // An action in the same millisecond as the point before it.
      line({
        key: "kind/Rollout/default/myapp",
        t: 2000,
        setWeight: 40,
        actualWeight: 40,
        phase: "Paused",
        markers: [{ kind: "action", label: "Promote by ana" }],
      }) +
      line({
        key: "kind/Canary/test/podinfo",
        t: 1500,
        setWeight: 5,
        actualWeight: 5,
        phase: "Progressing",
        markers: [],
      }) +
      "not json\n",
  );
}

async function counts(database: Database) {
  const count = async (table: "audit_entries" | "gate_decisions" | "follow_ups" | "weight_points") =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    audit: await count("audit_entries"),
    gates: await count("gate_decisions"),
    followUps: await count("follow_ups"),
    history: await count("weight_points"),
  };
}

describe.each(storeBackendNames())("legacy import on %s", (backend) => {
  it("imports every entry of an old data dir once and renames the files", async () => {
    const s = await backendNamed(backend)();
    const dataDir = join(tmpdir(), `rollscope-legacy-${Math.random().toString(36).slice(2)}`);
    writeOldDataDir(dataDir);
    const database = await s.open();
    await importLegacyData(database, dataDir, silentLogger());
    expect(await counts(database)).toEqual({ audit: 5, gates: 3, followUps: 1, history: 4 });

    const audit = await database.db.selectFrom("audit_entries").selectAll().orderBy("seq").execute();
    // Oldest file first, so the store's order is the order the actions happened in.
    expect(audit.map((r) => `${r.id}:${r.result}`)).toEqual([
      "a1:started",
      "a1:succeeded",
      "a2:refused",
      "a3:started",
      "a3:failed",
    ]);
    expect(audit[4]).toMatchObject({
      time_ms: Date.parse("2026-01-03T10:00:02.000Z"),
      cluster: "kind",
      kind: "Rollout",
      namespace: "default",
      name: "other",
      identity: "ana",
      action: "promote",
    });
    expect(JSON.parse(audit[0]?.entry ?? "")).toMatchObject({
      lever: "patch status",
      requests: [{ verb: "patch" }],
    });

    const gates = await database.db
      .selectFrom("gate_decisions")
      .select(["key", "body"])
      .orderBy("key")
      .execute();
    expect(gates.map((g) => g.key)).toEqual([
      "any-confirm/test/podinfo/c1",
      "confirm-rollout/test/podinfo/c1",
      "rollback/test/podinfo/c2",
    ]);
    expect(JSON.parse(gates[0]?.body ?? "")).toMatchObject({ by: "ana", scope: "any-confirm" });

    const followUp = await database.db.selectFrom("follow_ups").selectAll().executeTakeFirstOrThrow();
    expect(followUp).toMatchObject({ id: "f1", cluster: "kind", namespace: "test", name: "podinfo" });
    expect(JSON.parse(followUp.body)).toMatchObject({
      lastAppliedSpec: "rev-a",
      reason: "restore skipAnalysis",
    });

    const points = await database.db
      .selectFrom("weight_points")
      .selectAll()
      .orderBy("uid")
      .orderBy("t")
      .execute();
    expect(points.map((p) => [p.uid, p.t, p.revision])).toEqual([
      ["legacy:kind/Canary/test/podinfo", 1500, null],
      ["legacy:kind/Rollout/default/myapp", 1000, "abc"],
      ["legacy:kind/Rollout/default/myapp", 2000, null],
      ["legacy:kind/Rollout/default/myapp", 2001, null],
    ]);
    expect(points[3]?.delivery_key).toBe("kind/Rollout/default/myapp");
    expect(JSON.parse(points[3]?.point ?? "")).toMatchObject({ t: 2001, markers: [{ kind: "action" }] });

    const meta = await database.db
      .selectFrom("store_meta")
      .select("value")
      .where("key", "=", legacyImportMetaKey)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(meta.value).files["audit.jsonl"]).toMatchObject({
      entries: 2,
      inserted: 2,
      skipped: 2,
    });

    const names = readdirSync(dataDir).filter((n) => n !== "rollscope.db" && !n.startsWith("rollscope.db-"));
    expect(names.every((n) => /\.imported-\d{4}-\d\d-\d\dT/.test(n))).toBe(true);
    expect(names).toHaveLength(6);

    // The next start finds nothing left to import, and adds nothing.
    await importLegacyData(database, dataDir, silentLogger());
    expect(await counts(database)).toEqual({ audit: 5, gates: 3, followUps: 1, history: 4 });
    // Even the same files put back (a rename that failed) add nothing twice.
    writeOldDataDir(dataDir);
    await importLegacyData(database, dataDir, silentLogger());
    expect(await counts(database)).toEqual({ audit: 5, gates: 3, followUps: 1, history: 4 });
    // Both imported copies are kept.
    expect(readdirSync(dataDir).filter((n) => n.startsWith("gates.json.imported-"))).toHaveLength(2);
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    await s.cleanup();
  });

  it("stops with the file's name when a saved document cannot be read, and keeps the file", async () => {
    const s = await backendNamed(backend)();
    const dataDir = join(tmpdir(), `rollscope-legacy-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, "gates.json"), '[{"namespace": "test"');
    const database = await s.open();
    await expect(importLegacyData(database, dataDir, silentLogger())).rejects.toThrow(
      `${join(dataDir, "gates.json")} is not valid JSON`,
    );
    expect(readdirSync(dataDir)).toContain("gates.json");
    expect((await counts(database)).gates).toBe(0);
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    await s.cleanup();
  });
});
