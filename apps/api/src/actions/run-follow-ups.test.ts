// Follow-ups are carried out by one replica, the writer: a replica that is not the writer claims none,
// and one that becomes the writer catches up on runs that ended before. Read-only sends nothing.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { flaggerCanary } from "@rollscope/shared/testing/builders";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../observability/logger";
import { createServices, type RunningServices } from "../runtime/create-services";
import type { Database } from "../store/database";
import { backendNamed, type StoreUnderTest, storeBackendNames } from "../store/testing/store-matrix";
import { type FollowUp, FollowUps } from "./follow-ups";
import { ActionTestCluster } from "./testing/action-test-cluster";

const restoreAnalysis: Omit<FollowUp, "id"> = {
  cluster: "demo",
  namespace: "test",
  name: "podinfo",
  lastAppliedSpec: "5d8c7b9f4",
  requests: [
    {
      type: "patch",
      target: { kind: "Canary", namespace: "test", name: "podinfo" },
      patchType: "merge",
      body: { spec: { skipAnalysis: false } },
    },
  ],
  reason: "after Promote by ana",
};

const succeeded = () => flaggerCanary({ status: { phase: "Succeeded" } });

describe.each(storeBackendNames())("follow-ups on %s", (backend) => {
  let store: StoreUnderTest | undefined;
  const replicas: RunningServices[] = [];
  afterEach(async () => {
    for (const running of replicas.splice(0)) await running.stop();
    await store?.cleanup();
    store = undefined;
  });
  const open = async (): Promise<Database> => {
    store ??= await backendNamed(backend)();
    return store.open();
  };
  /** One replica on the shared store, watching its own copy of the cluster. */
  const replica = async (cluster: ActionTestCluster, readOnly = false) => {
    const running = await createServices([cluster], {
      dataDir: mkdtempSync(join(tmpdir(), "rollscope-followups-")),
      readOnly,
      log: silentLogger(),
      store: await open(),
    });
    replicas.push(running);
    await running.start();
    return running;
  };

  it("are carried out by the writer only, once, and by a new writer for runs that ended before", async () => {
    const database = await open();
    await new FollowUps(database, silentLogger()).add(restoreAnalysis);
    await database.close();

    const writerCluster = new ActionTestCluster();
    const writer = await replica(writerCluster);
    writerCluster.seed(flaggerCanary());
    expect(writer.services.writer.isHeld).toBe(true);

    // The other replica sees the run end, but it is not the writer: it claims nothing and sends nothing.
    const otherCluster = new ActionTestCluster();
    const other = await replica(otherCluster);
    expect(other.services.writer.isHeld).toBe(false);
    otherCluster.seed(succeeded());
    expect(other.services.clusters.get("demo")?.index.list()).toEqual([
      expect.objectContaining({ controller: "flagger", rawPhase: "Succeeded" }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(otherCluster.sent).toEqual([]);
    expect(await other.services.followUps.list()).toHaveLength(1);

    // The writer stops; the other replica takes over and catches up on the run that ended meanwhile.
    await writer.stop();
    replicas.splice(replicas.indexOf(writer), 1);
    expect(await other.services.writer.tryAcquire()).toBe(true);
    await expect.poll(() => otherCluster.sent.length).toBe(1);
    expect(otherCluster.sent[0]).toMatchObject({ type: "patch", body: { spec: { skipAnalysis: false } } });
    expect(writerCluster.sent).toEqual([]);
    expect(await other.services.followUps.list()).toEqual([]);
    await expect
      .poll(async () => (await other.services.audit.list({ name: "podinfo" })).map((e) => e.result))
      .toEqual(["succeeded", "started"]);
  });

  it("are kept and not sent in read-only mode", async () => {
    const database = await open();
    await new FollowUps(database, silentLogger()).add(restoreAnalysis);
    await database.close();
    const cluster = new ActionTestCluster();
    const running = await replica(cluster, true);
    cluster.seed(succeeded());
    expect(running.services.clusters.get("demo")?.index.list()).toEqual([
      expect.objectContaining({ controller: "flagger", rawPhase: "Succeeded" }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cluster.sent).toEqual([]);
    expect(await running.services.followUps.list()).toHaveLength(1);
    expect(await running.services.audit.list()).toEqual([]);
  });
});
