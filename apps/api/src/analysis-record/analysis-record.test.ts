import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RawObject } from "@rollscope/demo-cluster";
import { tokenActorNamed } from "@rollscope/shared/identity/actor";
import { canaryRollout, flaggerCanary, replicaSet } from "@rollscope/shared/testing/builders";
import { loadFixtureFolder, sharedFixturesDir } from "@rollscope/shared/testing/fixtures";
import { describe, expect, it } from "vitest";
import { ActionTestCluster } from "../actions/testing/action-test-cluster";
import { DeliveryIndex } from "../deliveries/delivery-index";
import { silentLogger } from "../observability/logger";
import type { ClusterEntry } from "../runtime/cluster-registry";
import { createServices } from "../runtime/create-services";
import type { Database } from "../store/database";
import { storeBackendNames, useTestStore } from "../store/testing/store-matrix";
import { WriterLease } from "../store/writer-lease";
import { createCaller } from "../trpc/root-router";
import { AnalysisRecord } from "./analysis-record";
import { recordedReleases, recordedRuns } from "./recorded-releases";

const target = { cluster: "demo", kind: "Rollout" as const, namespace: "rollouts-demo", name: "myapp" };
const hash = "6f8d9c7b5";

const measurement = (at: string, phase: string, value: string) => ({
  startedAt: at,
  finishedAt: at,
  phase,
  value,
});

/** A background AnalysisRun of myapp's canary revision that failed: 2 failures, 1 allowed. */
function failedRun(name = `myapp-${hash}-2`): RawObject {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisRun",
    metadata: {
      name,
      namespace: "rollouts-demo",
      labels: { "rollout-type": "Background", "rollouts-pod-template-hash": hash },
      ownerReferences: [
        {
          apiVersion: "argoproj.io/v1alpha1",
          kind: "Rollout",
          name: "myapp",
          uid: "uid-myapp",
          controller: true,
        },
      ],
    },
    spec: {
      args: [{ name: "service", value: "myapp-canary-svc" }],
      metrics: [
        {
          name: "success-rate",
          interval: "10s",
          failureLimit: 1,
          successCondition: "result[0] >= 0.95",
          provider: {
            prometheus: {
              address: "http://prometheus:9090",
              query: 'sum(rate(x{svc="{{args.service}}"}[1m]))',
            },
          },
        },
      ],
    },
    status: {
      phase: "Failed",
      message: 'Metric "success-rate" assessed Failed due to failed (2) > failureLimit (1)',
      startedAt: "2026-03-01T12:00:40Z",
      metricResults: [
        {
          name: "success-rate",
          phase: "Failed",
          count: 3,
          failed: 2,
          successful: 1,
          measurements: [
            measurement("2026-03-01T12:00:50Z", "Successful", "[0.99]"),
            measurement("2026-03-01T12:01:10Z", "Failed", "[0.91]"),
            measurement("2026-03-01T12:01:20Z", "Failed", "[0.9]"),
          ],
        },
      ],
    },
  };
}

function seedRollout(cluster: ActionTestCluster): void {
  const rollout = canaryRollout();
  cluster.seed(
    rollout,
    replicaSet(rollout, "5c6f7d8e9", 1, "argoproj/rollouts-demo:blue", 5),
    replicaSet(rollout, hash, 2, "argoproj/rollouts-demo:yellow", 1),
    failedRun(),
  );
}

/** A cluster entry around a cluster without controllers: nothing moves unless the test moves it. */
async function entryFor(cluster: ActionTestCluster): Promise<ClusterEntry> {
  await cluster.start();
  return { source: cluster, index: new DeliveryIndex(cluster, 0) };
}

async function rowCount(database: Database): Promise<number> {
  const rows = await database.db.selectFrom("analysis_records").select("record_id").execute();
  return rows.length;
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe.each(storeBackendNames())("the analysis record on %s", (backend) => {
  const { open } = useTestStore(backend);

  it("keeps a run's measurements and verdict after the AnalysisRun is deleted", async () => {
    const database = await open();
    const cluster = new ActionTestCluster();
    const running = await createServices([cluster], {
      dataDir: mkdtempSync(join(tmpdir(), "rollscope-record-")),
      store: database,
      readOnly: false,
      log: silentLogger(),
    });
    try {
      await running.start();
      seedRollout(cluster);
      await settle();
      await running.services.analysisRecord.flush();
      const caller = createCaller({
        services: running.services,
        actor: tokenActorNamed("tester"),
        identity: "tester",
      });

      const releases = await caller.analysisRecord.releases(target);
      expect(releases).toHaveLength(1);
      expect(releases[0]).toMatchObject({
        revision: hash,
        deliveryUid: "uid-myapp",
        live: true,
        runs: [
          {
            name: `myapp-${hash}-2`,
            kind: "AnalysisRun",
            phase: "Failed",
            verdict: "success-rate 0.91 < 0.95 at 12:01:10 UTC; 2 failures, 1 allowed: aborted",
            live: true,
          },
        ],
      });

      cluster.api.delete({ kind: "AnalysisRun", namespace: "rollouts-demo", name: `myapp-${hash}-2` });
      await settle();
      expect(cluster.store.get("AnalysisRun", "rollouts-demo", `myapp-${hash}-2`)).toBeUndefined();
      const live = await caller.deliveries.get(target);
      expect(live.analysis).toEqual([]);

      const recorded = await caller.analysisRecord.runs({ target, revision: hash, deliveryUid: "uid-myapp" });
      expect(recorded.unreadable).toBe(0);
      expect(recorded.runs).toHaveLength(1);
      const run = recorded.runs[0];
      expect(run).toMatchObject({
        kind: "AnalysisRun",
        role: "background",
        live: false,
        verdict: "success-rate 0.91 < 0.95 at 12:01:10 UTC; 2 failures, 1 allowed: aborted",
        startedAt: "2026-03-01T12:00:40.000Z",
      });
      const metric = run?.detail.metrics[0];
      expect(metric?.query).toBe('sum(rate(x{svc="myapp-canary-svc"}[1m]))');
      expect(metric?.successCondition).toBe("result[0] >= 0.95");
      expect(metric?.budget).toEqual({
        failureLimit: 1,
        failures: 2,
        text: "2 failures: over the limit of 1",
      });
      expect(metric?.measurements.map((m) => m.value)).toEqual([0.99, 0.91, 0.9]);
      expect(run?.detail.message).toContain("failureLimit (1)");
      expect((await caller.analysisRecord.releases(target))[0]?.live).toBe(false);
    } finally {
      await running.stop();
    }
  });

  it("writes nothing on a replica that does not hold the writer lease", async () => {
    const database = await open();
    const cluster = new ActionTestCluster();
    const entry = await entryFor(cluster);
    seedRollout(cluster);
    try {
      const holder = new WriterLease(database.db, { holder: "other-replica" });
      expect(await holder.tryAcquire()).toBe(true);
      const lease = new WriterLease(database.db, { holder: "this-replica" });
      expect(await lease.tryAcquire()).toBe(false);
      const record = new AnalysisRecord(database, lease, silentLogger());
      for (const delivery of entry.index.list()) record.observe(delivery, entry);
      await record.flush();
      expect(await rowCount(database)).toBe(0);
      await holder.stop();
    } finally {
      entry.index.dispose();
    }
  });

  it("writes a run again only when its resourceVersion changed", async () => {
    const database = await open();
    const cluster = new ActionTestCluster();
    const entry = await entryFor(cluster);
    seedRollout(cluster);
    try {
      const lease = new WriterLease(database.db, { holder: "this-replica" });
      expect(await lease.tryAcquire()).toBe(true);
      let now = 1_000;
      const record = new AnalysisRecord(database, lease, silentLogger(), { now: () => now });
      const observeAll = async () => {
        for (const delivery of entry.index.list()) record.observe(delivery, entry);
        await record.flush();
      };
      const updated = async () =>
        (await database.db.selectFrom("analysis_records").select(["updated_ms", "verdict"]).execute()).map(
          (r) => [r.updated_ms, r.verdict],
        );
      await observeAll();
      expect(await updated()).toEqual([
        [1_000, "success-rate 0.91 < 0.95 at 12:01:10 UTC; 2 failures, 1 allowed: aborted"],
      ]);
      now = 2_000;
      await observeAll();
      expect(await updated()).toEqual([
        [1_000, "success-rate 0.91 < 0.95 at 12:01:10 UTC; 2 failures, 1 allowed: aborted"],
      ]);

      const key = { kind: "AnalysisRun" as const, namespace: "rollouts-demo", name: `myapp-${hash}-2` };
      const current = cluster.api.get(key) as RawObject;
      cluster.api.updateStatus(key, {
        ...(current.status as object),
        message: "Run Terminated",
        phase: "Successful",
      });
      await settle();
      now = 3_000;
      await observeAll();
      expect(await updated()).toEqual([
        [3_000, "the metric passed (3 measurements): successful (terminated)"],
      ]);
    } finally {
      entry.index.dispose();
    }
  });

  it("records a Flagger canary run's checks, with the value Flagger reported when one failed", async () => {
    const database = await open();
    const cluster = new ActionTestCluster();
    const entry = await entryFor(cluster);
    cluster.seed(flaggerCanary());
    try {
      const lease = new WriterLease(database.db, { holder: "this-replica" });
      expect(await lease.tryAcquire()).toBe(true);
      let now = Date.parse("2026-11-20T10:00:30Z");
      const record = new AnalysisRecord(database, lease, silentLogger(), { now: () => now });
      const key = { kind: "Canary" as const, namespace: "test", name: "podinfo" };
      const step = async (status: Record<string, unknown>) => {
        const current = cluster.api.get(key) as RawObject;
        cluster.api.updateStatus(key, { ...(current.status as object), ...status });
        await settle();
        now += 30_000;
        for (const delivery of entry.index.list()) record.observe(delivery, entry);
        await record.flush();
      };
      await step({});
      await step({ canaryWeight: 15 });
      cluster.seed({
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: "podinfo.1", namespace: "test", creationTimestamp: new Date(now).toISOString() },
        involvedObject: { kind: "Canary", name: "podinfo", namespace: "test" },
        type: "Warning",
        reason: "Synced",
        message: "Halt podinfo.test advancement success rate 61.23% < 99%",
        lastTimestamp: new Date(now + 1_000).toISOString(),
      });
      await step({ failedChecks: 1 });

      const canaryTarget = { cluster: "demo", kind: "Canary" as const, namespace: "test", name: "podinfo" };
      const releases = await recordedReleases(database, entry, canaryTarget);
      expect(releases.map((r) => [r.revision, r.live, r.runs[0]?.verdict])).toEqual([
        ["5d8c7b9f4", true, "progressing: 3 checks, 1 failure so far"],
      ]);
      const recorded = await recordedRuns(database, entry, canaryTarget, "5d8c7b9f4");
      const run = recorded.canaryRuns[0];
      expect(run?.metrics.map((m) => m.name)).toEqual(["request-success-rate", "request-duration"]);
      expect(run?.checks.map((c) => [c.metric, c.passed, c.value, c.threshold, c.weight])).toEqual([
        ["request-success-rate", true, undefined, "min 99%", 15],
        ["request-duration", true, undefined, "max 500ms", 15],
        ["request-success-rate", false, "61.23%", "< 99%", 15],
      ]);

      await step({ phase: "Failed", failedChecks: 10, canaryWeight: 0 });
      const [failed] = await recordedReleases(database, entry, canaryTarget);
      expect(failed?.runs[0]?.verdict).toMatch(
        /^request-success-rate 61\.23% < 99% at \d\d:\d\d:\d\d UTC; 10 of 10 failed checks: rolled back$/,
      );
    } finally {
      entry.index.dispose();
    }
  });

  it.skipIf(!sharedFixturesDir)(
    "records the captured aborted rollout's run and keeps it once deleted",
    async () => {
      const database = await open();
      const cluster = new ActionTestCluster();
      const entry = await entryFor(cluster);
      cluster.seed(...loadFixtureFolder("argo-rollouts/clusters/rollout-aborted"));
      try {
        const lease = new WriterLease(database.db, { holder: "this-replica" });
        expect(await lease.tryAcquire()).toBe(true);
        const record = new AnalysisRecord(database, lease, silentLogger());
        for (const delivery of entry.index.list()) record.observe(delivery, entry);
        await record.flush();
        const run = cluster.store.list("AnalysisRun")[0];
        if (!run) throw new Error("the fixture has no AnalysisRun");
        cluster.api.delete({ kind: "AnalysisRun", namespace: "default", name: run.metadata.name });
        await settle();
        const fixtureTarget = {
          cluster: "demo",
          kind: "Rollout" as const,
          namespace: "default",
          name: "rollout-background-analysis",
        };
        const recorded = await recordedRuns(database, entry, fixtureTarget, "db976bc44");
        expect(recorded.runs.map((r) => [r.name, r.live, r.verdict])).toEqual([
          [
            "rollout-background-analysis-db976bc44-2",
            false,
            'web false fails successCondition result == "true" at 09:10:04 UTC; 1 failure, 0 allowed: aborted',
          ],
        ]);
        expect(recorded.runs[0]?.detail.metrics[0]?.measurements).toHaveLength(1);
      } finally {
        entry.index.dispose();
      }
    },
  );
});
