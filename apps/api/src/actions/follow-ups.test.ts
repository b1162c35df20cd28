import type { Delivery } from "@rollscope/shared";
import { describe, expect, it, vi } from "vitest";
import { silentLogger } from "../observability/logger";
import { storeBackendNames, useTestStore } from "../store/testing/store-matrix";
import { type FollowUp, FollowUps } from "./follow-ups";

const restoreAnalysis = (name: string): Omit<FollowUp, "id"> => ({
  cluster: "prod",
  namespace: "shop",
  name,
  lastAppliedSpec: "abc",
  requests: [
    {
      type: "patch",
      target: { kind: "Canary", namespace: "shop", name },
      patchType: "merge",
      body: { spec: { skipAnalysis: false } },
    },
  ],
  reason: "after Promote by ana",
});

const delivery = (name: string, rawPhase: string, lastAppliedSpec = "abc") =>
  ({
    ref: { cluster: "prod", kind: "Canary", namespace: "shop", name },
    rawPhase,
    observed: { lastAppliedSpec },
  }) as unknown as Delivery;

describe.each(storeBackendNames())("follow-ups on %s", (backend) => {
  const { open, closeAll } = useTestStore(backend);
  /** One replica's follow-ups: its own connection to the shared store. */
  const replica = async () => new FollowUps(await open(), silentLogger());

  it("are kept once added, across a restart, and are gone once claimed as due", async () => {
    const followUps = await replica();
    await Promise.all([followUps.add(restoreAnalysis("cart")), followUps.add(restoreAnalysis("ledger"))]);
    await closeAll();

    const restarted = await replica();
    expect((await restarted.list()).map((f) => f.name).sort()).toEqual(["cart", "ledger"]);
    const [claimed] = await restarted.due(delivery("cart", "Succeeded"));
    expect(claimed).toMatchObject({ ...restoreAnalysis("cart"), id: expect.any(String) });
    expect((await restarted.list()).map((f) => f.name)).toEqual(["ledger"]);
    expect(await restarted.due(delivery("cart", "Succeeded"))).toEqual([]);
  });

  it("are due once the run is over or a new release started, not while it runs", async () => {
    const followUps = await replica();
    await followUps.add(restoreAnalysis("cart"));
    expect(await followUps.due(delivery("cart", "Progressing"))).toEqual([]);
    expect(
      await followUps.due({
        ...delivery("cart", "Succeeded"),
        ref: { ...delivery("cart", "x").ref, cluster: "staging" },
      }),
    ).toEqual([]);
    expect(await followUps.due(delivery("cart", "Progressing", "a-new-release"))).toHaveLength(1);
    await followUps.add(restoreAnalysis("cart"));
    expect(await followUps.due(delivery("cart", "Failed"))).toHaveLength(1);
    expect(await followUps.list()).toEqual([]);
  });

  it("are claimed by exactly one of two replicas", async () => {
    const a = await replica();
    const b = await replica();
    const names = Array.from({ length: 20 }, (_, i) => `svc-${i}`);
    for (const name of names) await a.add(restoreAnalysis(name));
    const claims = await Promise.all(
      names.flatMap((name) => [a.due(delivery(name, "Succeeded")), b.due(delivery(name, "Succeeded"))]),
    );
    const claimed = claims.flat().map((f) => f.name);
    expect(claimed.sort()).toEqual([...names].sort());
    expect(await b.list()).toEqual([]);
  });

  it("keep a stored row that is not a follow-up, never carry it out, and log it", async () => {
    const database = await open();
    const log = silentLogger();
    const logged = vi.spyOn(log, "error");
    const followUps = new FollowUps(database, log);
    await database.db
      .insertInto("follow_ups")
      .values({
        id: "torn",
        cluster: "prod",
        namespace: "shop",
        name: "cart",
        created_ms: 0,
        body: '{"id":"to',
      })
      .execute();
    expect(await followUps.due(delivery("cart", "Succeeded"))).toEqual([]);
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ followUp: "torn" }), expect.any(String));
    expect(await database.db.selectFrom("follow_ups").select("id").execute()).toEqual([{ id: "torn" }]);
  });

  it("refuse one that is not a follow-up, keeping nothing", async () => {
    const followUps = await replica();
    await expect(
      followUps.add({ ...restoreAnalysis("cart"), reason: 42 as unknown as string }),
    ).rejects.toThrow(/reason/);
    expect(await followUps.list()).toEqual([]);
  });
});
