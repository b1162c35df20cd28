import { canaryDelivery, type Delivery, rolloutDelivery } from "@rollscope/shared";
import { canaryRollout, flaggerCanary } from "@rollscope/shared/testing/builders";
import { describe, expect, it } from "vitest";
import type { Database } from "../store/database";
import { backendNamed, storeBackendNames } from "../store/testing/store-matrix";
import { WriterLease } from "../store/writer-lease";
import { historyUid, WeightHistory } from "./weight-history";

const delivery = (patch: Parameters<typeof canaryRollout>[0] = {}) =>
  rolloutDelivery({ cluster: "c", rollout: canaryRollout(patch) });
const stepTwo = {
  status: {
    currentStepIndex: 2,
    pauseConditions: null,
    controllerPause: null,
    phase: "Progressing",
    message: null,
  },
} as const;

async function writerOf(database: Database, holder: string): Promise<WriterLease> {
  const lease = new WriterLease(database.db, { holder });
  await lease.tryAcquire();
  return lease;
}

async function rowCount(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom("weight_points")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(storeBackendNames())("weight history on %s", (backend) => {
  it("records only changes, with markers, and picks up where it left off after a restart", async () => {
    const s = await backendNamed(backend)();
    const database = await s.open();
    const history = new WeightHistory(database, await writerOf(database, "a"));
    expect(await history.record(delivery(), 1000)).toMatchObject({ setWeight: 20, step: "1/8" });
    expect(await history.record(delivery(), 2000)).toBeUndefined();
    const next = await history.record(delivery(stepTwo), 3000);
    expect(next).toMatchObject({ setWeight: 40, step: "2/8" });
    expect(next?.markers.map((m) => m.kind)).toEqual(["step", "resume"]);
    const action = await history.recordAction(delivery(), "Promote by ana", 3000);
    expect(action.t).toBe(3001);
    await history.flush();
    await database.close();

    const reopened = await s.open();
    const again = new WeightHistory(reopened, await writerOf(reopened, "b"));
    const ref = delivery().ref;
    const uid = historyUid(delivery());
    expect(uid).toBe("uid-myapp");
    expect((await again.get(ref, uid)).map((p) => p.t)).toEqual([1000, 3000, 3001]);
    expect((await again.get(ref, uid, 2600)).map((p) => p.t)).toEqual([3000, 3001]);
    // The newest point is read back, so the same state seen again after the restart adds nothing.
    expect(await again.record(delivery(stepTwo), 5000)).toBeUndefined();
    await again.flush();
    expect(await rowCount(reopened)).toBe(3);
    await reopened.close();
    await s.cleanup();
  });

  it("keeps a re-created object's history apart, and lists the earlier object as a life", async () => {
    const s = await backendNamed(backend)();
    const database = await s.open();
    const history = new WeightHistory(database, await writerOf(database, "a"));
    await history.record(delivery(), 1000);
    await history.record(delivery(stepTwo), 2000);
    const recreated = delivery({ ...stepTwo, metadata: { uid: "uid-myapp-2" } });
    // A new object starts fresh: no marker compares it with the old one.
    expect((await history.record(recreated, 5000))?.markers).toEqual([]);
    await history.flush();
    const ref = recreated.ref;
    expect((await history.get(ref, "uid-myapp-2")).map((p) => p.t)).toEqual([5000]);
    expect((await history.get(ref, "uid-myapp")).map((p) => p.t)).toEqual([1000, 2000]);
    expect(await history.lives(ref)).toEqual([
      { uid: "uid-myapp", from: 1000, to: 2000, points: 2 },
      { uid: "uid-myapp-2", from: 5000, to: 5000, points: 1 },
    ]);
    // A UID is only read under the name it was recorded for.
    expect(await history.get({ ...ref, name: "other" }, "uid-myapp")).toEqual([]);
    await database.close();
    await s.cleanup();
  });

  it("only the writer stores points, every replica tracks them, and an action is stored by whoever acted", async () => {
    const s = await backendNamed(backend)();
    const database = await s.open();
    const notWriter = new WriterLease(database.db, { holder: "b" });
    expect(notWriter.isHeld).toBe(false);
    const history = new WeightHistory(database, notWriter);
    expect(await history.record(delivery(), 1000)).toBeDefined();
    await history.recordAction(delivery(), "Abort by ana", 1500);
    await history.flush();
    const uid = historyUid(delivery());
    expect((await history.get(delivery().ref, uid)).map((p) => p.markers)).toEqual([
      [{ kind: "action", label: "Abort by ana" }],
    ]);
    // Tracked while not the writer: on taking over, the next change gets the right markers.
    await notWriter.tryAcquire();
    expect(notWriter.isHeld).toBe(true);
    const taken = await history.record(delivery(stepTwo), 2000);
    expect(taken?.markers.map((m) => m.kind)).toEqual(["step", "resume"]);
    await history.flush();
    expect((await history.get(delivery().ref, uid)).map((p) => p.t)).toEqual([1500, 2000]);
    await database.close();
    await s.cleanup();
  });

  it("shows what it recorded before it is written", async () => {
    const s = await backendNamed(backend)();
    const database = await s.open();
    const history = new WeightHistory(database, await writerOf(database, "a"), { flushMs: 60_000 });
    await history.record(delivery(), 1000);
    await history.recordAction(delivery(), "Promote by ana", 1200);
    expect(await rowCount(database)).toBe(0);
    const uid = historyUid(delivery());
    expect((await history.get(delivery().ref, uid)).map((p) => p.t)).toEqual([1000, 1200]);
    expect((await history.get(delivery().ref, uid, 1100)).map((p) => p.t)).toEqual([1200]);
    await history.flush();
    expect(await rowCount(database)).toBe(2);
    expect((await history.get(delivery().ref, uid)).map((p) => p.t)).toEqual([1000, 1200]);
    await database.close();
    await s.cleanup();
  });

  it("batches many points into few inserts and gives each a unique time", async () => {
    const s = await backendNamed(backend)();
    const database = await s.open();
    const history = new WeightHistory(database, await writerOf(database, "a"), { batchSize: 100 });
    const ref = delivery().ref;
    const all: Promise<unknown>[] = [];
    for (let i = 0; i < 250; i++) all.push(history.recordAction(delivery(), `action ${i}`, 7000));
    await Promise.all(all);
    await history.flush();
    const points = await history.get(ref, historyUid(delivery()));
    expect(points).toHaveLength(250);
    expect(points[0]?.t).toBe(7000);
    expect(points[249]?.t).toBe(7249);
    expect(points[249]?.markers[0]?.label).toBe("action 249");
    await database.close();
    await s.cleanup();
  });

  it("marks each analysis run when it starts, not on every point while it runs", async () => {
    const s = await backendNamed(backend)();
    const database = await s.open();
    const history = new WeightHistory(database, await writerOf(database, "a"));
    const canary = (phase: string, canaryWeight: number, lastAppliedSpec = "rev-a") =>
      canaryDelivery({
        cluster: "c",
        canary: flaggerCanary({ status: { phase, canaryWeight, lastAppliedSpec } }),
      });
    const analysisMarkers = async (d: Delivery, t: number) =>
      (await history.record(d, t))?.markers.filter((m) => m.kind === "analysis").map((m) => m.label);
    expect(await analysisMarkers(canary("Initialized", 0), 1)).toEqual([]);
    expect(await analysisMarkers(canary("Progressing", 5), 2)).toEqual(["Analysis podinfo analysis"]);
    expect(await analysisMarkers(canary("Progressing", 10), 3)).toEqual([]);
    expect(await analysisMarkers(canary("Succeeded", 0), 4)).toEqual([]);
    expect(await analysisMarkers(canary("Progressing", 5, "rev-b"), 5)).toEqual([
      "Analysis podinfo analysis",
    ]);
    await history.flush();
    await database.close();
    await s.cleanup();
  });

  if (backend === "postgres")
    it("two replicas on one database write each point once", async () => {
      const s = await backendNamed(backend)();
      const one = await s.open();
      const two = await s.open();
      const leaseOne = await writerOf(one, "one");
      const leaseTwo = await writerOf(two, "two");
      expect([leaseOne.isHeld, leaseTwo.isHeld]).toEqual([true, false]);
      const a = new WeightHistory(one, leaseOne);
      const b = new WeightHistory(two, leaseTwo);
      for (const h of [a, b]) {
        await h.record(delivery(), 1000);
        await h.record(delivery(stepTwo), 2000);
      }
      await b.recordAction(delivery(), "Promote by ana", 2500);
      await Promise.all([a.flush(), b.flush()]);
      expect(await rowCount(one)).toBe(3);
      expect((await a.get(delivery().ref, "uid-myapp")).map((p) => p.t)).toEqual([1000, 2000, 2500]);
      await leaseOne.stop();
      await one.close();
      await two.close();
      await s.cleanup();
    });
});
