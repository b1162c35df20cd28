// What the store costs: its size after 10,000 audit entries and after a week of weight history for
// 1,000 deliveries, and the write cost per watch event (a delivery change recorded into the weight
// history, batched as the API does), on the embedded SQLite file and on a real PostgreSQL (started on
// loopback when installed). Prints figures; asserts nothing.
//   npm run -w bench store-costs
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { AuditLog } from "@rollscope/api/audit/audit-log";
import { WeightHistory } from "@rollscope/api/history/weight-history";
import { type Database, openDatabase } from "@rollscope/api/store/database";
import { ReplicaPresence } from "@rollscope/api/store/replica-presence";
import { findPostgresBin, startTestPostgres } from "@rollscope/api/store/testing/test-postgres";
import { WriterLease } from "@rollscope/api/store/writer-lease";
import type { Delivery } from "@rollscope/shared";

const AUDIT_ENTRIES = 10_000;
const DELIVERIES = 1_000;
const DAYS = 7;
/** A release a day, each walking 8 canary steps with a pause and an analysis: ~12 chart points. */
const STEPS = [10, 20, 30, 40, 50, 60, 80, 100];
const WATCH_EVENTS = 20_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

function delivery(i: number, over: Partial<Delivery> = {}): Delivery {
  const name = `app-${i}`;
  return {
    ref: { cluster: "bench", kind: "Rollout", namespace: `team-${i % 100}`, name },
    uid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    controller: "argo",
    strategy: "canary",
    phase: "healthy",
    rawPhase: "Healthy",
    message: "",
    waitingForPerson: false,
    aborted: false,
    setWeight: 100,
    actualWeight: 100,
    maxWeight: 100,
    timeline: [],
    revisions: [],
    analysisRuns: [],
    images: [],
    replicas: { desired: 4, current: 4, updated: 4, ready: 4, available: 4 },
    conditions: [],
    actions: [],
    observed: { aborted: false, paused: false, podHash: "5d8c7b9f6d" },
    labels: {},
    ...over,
  };
}

function auditEntry(i: number) {
  return {
    id: `bench-${i}`,
    identity: `alice@example.com (oidc, groups rollout-operators)`,
    cluster: "bench",
    object: { kind: "Rollout", namespace: `team-${i % 100}`, name: `app-${i % DELIVERIES}` },
    action: "promote",
    lever: "status.pauseConditions",
    description: "Promote app to the next step",
    requests: [
      {
        method: "PATCH",
        path: `/apis/argoproj.io/v1alpha1/namespaces/team-${i % 100}/rollouts/app-${i % DELIVERIES}/status`,
        contentType: "application/merge-patch+json",
        body: { status: { pauseConditions: null, controllerPause: false } },
      },
    ],
    observed: { stepIndex: 1, podHash: "5d8c7b9f6d", aborted: false, paused: true },
    result: "succeeded" as const,
  };
}

async function measure(name: string, open: () => Promise<Database>): Promise<void> {
  const store = await open();
  const presence = new ReplicaPresence(store.db, "bench/1");
  await presence.start();
  const audit = new AuditLog(store, presence);
  const empty = await store.sizeBytes();

  // 10,000 audit entries, ten people acting at once.
  const appendMs: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < AUDIT_ENTRIES; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, k) => {
        const start = performance.now();
        await audit.append(auditEntry(i + k));
        appendMs.push(performance.now() - start);
      }),
    );
  }
  const auditSeconds = (performance.now() - t0) / 1000;
  const afterAudit = await store.sizeBytes();

  // A week of history for 1,000 deliveries.
  const writer = new WriterLease(store.db, { holder: "bench/1" });
  await writer.tryAcquire();
  const history = new WeightHistory(store, writer);
  const weekStart = Date.now() - DAYS * 24 * 3600 * 1000;
  let points = 0;
  const t1 = performance.now();
  for (let day = 0; day < DAYS; day++) {
    for (let i = 0; i < DELIVERIES; i++) {
      const releaseAt = weekStart + day * 24 * 3600 * 1000 + i * 1000;
      const podHash = `rev-${day}`;
      for (const [s, weight] of STEPS.entries()) {
        const paused = s === 1;
        const recorded = await history.record(
          delivery(i, {
            phase: paused ? "paused" : "progressing",
            rawPhase: paused ? "Paused" : "Progressing",
            setWeight: weight,
            actualWeight: weight,
            step: { index: s + 1, total: STEPS.length },
            observed: { aborted: false, paused, podHash },
          }),
          releaseAt + (s + 1) * 60_000,
        );
        if (recorded) points++;
      }
      if (
        await history.record(
          delivery(i, { observed: { aborted: false, paused: false, podHash } }),
          releaseAt + (STEPS.length + 1) * 60_000,
        )
      )
        points++;
    }
  }
  await history.flush();
  const historySeconds = (performance.now() - t1) / 1000;
  const afterHistory = await store.sizeBytes();

  // Write cost per watch event: changes alternate the weight (each one a point), plus as many watch
  // events that change nothing on the chart (resyncs, status heartbeats), which write nothing.
  const cpu0 = process.cpuUsage();
  const t2 = performance.now();
  const base = Date.now();
  for (let e = 0; e < WATCH_EVENTS; e++) {
    const i = e % DELIVERIES;
    const weight = (Math.floor(e / DELIVERIES) % 2) * 50;
    await history.record(
      delivery(i, { setWeight: weight, actualWeight: weight, uid: `watch-${i}` }),
      base + e,
    );
  }
  await history.flush();
  const changedMs = performance.now() - t2;
  const changedCpu = process.cpuUsage(cpu0);
  const t3 = performance.now();
  for (let e = 0; e < WATCH_EVENTS; e++) {
    const i = e % DELIVERIES;
    await history.record(
      delivery(i, { setWeight: 50, actualWeight: 50, uid: `watch-${i}` }),
      base + WATCH_EVENTS + e,
    );
  }
  await history.flush();
  const unchangedMs = performance.now() - t3;

  console.log(`\n${name} (${store.where})`);
  console.log(`  empty store: ${mb(empty)}`);
  console.log(
    `  ${AUDIT_ENTRIES.toLocaleString()} audit entries: +${mb(afterAudit - empty)} (${((afterAudit - empty) / AUDIT_ENTRIES).toFixed(0)} B each); append median ${median(appendMs).toFixed(2)} ms (durable before acknowledged), ${auditSeconds.toFixed(1)} s in all`,
  );
  console.log(
    `  a week of history, ${DELIVERIES.toLocaleString()} deliveries: ${points.toLocaleString()} points, +${mb(afterHistory - afterAudit)} (${((afterHistory - afterAudit) / points).toFixed(0)} B a point), ${historySeconds.toFixed(1)} s`,
  );
  console.log(
    `  write cost per watch event that moves the chart: ${((changedMs * 1000) / WATCH_EVENTS).toFixed(0)} µs wall, ${((changedCpu.user + changedCpu.system) / WATCH_EVENTS).toFixed(0)} µs CPU (batched inserts included)`,
  );
  console.log(
    `  cost per watch event that changes nothing on the chart: ${((unchangedMs * 1000) / WATCH_EVENTS).toFixed(1)} µs`,
  );
  console.log(`  store size at the end: ${mb(await store.sizeBytes())}`);
  await presence.stop();
  await store.close();
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "rollscope-bench-store-"));
  try {
    await measure("embedded SQLite", () => openDatabase({ dataDir }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (!findPostgresBin()) {
    console.log("\nPostgreSQL is not installed: its half is skipped (apt-get install postgresql)");
    return;
  }
  const postgres = await startTestPostgres();
  try {
    const url = await postgres.createDatabase("bench");
    await measure("PostgreSQL 15 (a test server with fsync off: appends are not durable figures)", () =>
      openDatabase({ url, dataDir: tmpdir() }),
    );
  } finally {
    postgres.stop();
  }
}

await main();
