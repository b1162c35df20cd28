import { canaryRollout } from "@rollscope/shared/testing/builders";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ActionTestCluster, startActionTest } from "../../actions/testing/action-test-cluster";

const myapp = { cluster: "demo", kind: "Rollout" as const, namespace: "rollouts-demo", name: "myapp" };
const key = "demo/Rollout/rollouts-demo/myapp";
// Recent, so the retention run at start leaves them.
const base = Date.now() - 86_400_000;
const point = (t: number, setWeight: number) =>
  JSON.stringify({ t, setWeight, actualWeight: setWeight, phase: "Paused", markers: [] });

describe("history.get", () => {
  const cluster = new ActionTestCluster();
  let h: Awaited<ReturnType<typeof startActionTest>>;

  beforeAll(async () => {
    h = await startActionTest(cluster);
    cluster.seed(canaryRollout({ metadata: { namespace: "rollouts-demo" } }));
    // An object with this name that was deleted, and history imported from the previous version.
    await h.services.store.db
      .insertInto("weight_points")
      .values([
        { delivery_key: key, uid: "uid-gone", t: base + 1000, revision: null, point: point(base + 1000, 20) },
        { delivery_key: key, uid: "uid-gone", t: base + 2000, revision: null, point: point(base + 2000, 40) },
        {
          delivery_key: key,
          uid: `legacy:${key}`,
          t: base + 500,
          revision: null,
          point: point(base + 500, 10),
        },
        // Another object's history is never listed here.
        {
          delivery_key: "demo/Rollout/rollouts-demo/other",
          uid: "uid-other",
          t: base + 1,
          revision: null,
          point: point(base + 1, 5),
        },
      ])
      .execute();
  });
  afterAll(() => h.stop());

  it("returns the current object's points and lists earlier objects with the same name", async () => {
    await vi.waitFor(
      async () => expect((await h.caller.history.get({ target: myapp })).points).not.toEqual([]),
      {
        timeout: 5_000,
      },
    );
    const answer = await h.caller.history.get({ target: myapp });
    expect(answer).toMatchObject({ uid: "uid-myapp", current: true });
    expect(answer.points[0]).toMatchObject({ setWeight: 20 });
    expect(answer.earlierLives).toEqual([
      { uid: `legacy:${key}`, from: base + 500, to: base + 500, points: 1 },
      { uid: "uid-gone", from: base + 1000, to: base + 2000, points: 2 },
    ]);
  });

  it("returns an earlier object's points by its UID, and from `since`", async () => {
    const earlier = await h.caller.history.get({ target: myapp, uid: "uid-gone" });
    expect(earlier).toMatchObject({ uid: "uid-gone", current: false });
    expect(earlier.points.map((p) => [p.t, p.setWeight])).toEqual([
      [base + 1000, 20],
      [base + 2000, 40],
    ]);
    const since = await h.caller.history.get({ target: myapp, uid: "uid-gone", since: base + 1500 });
    expect(since.points.map((p) => p.t)).toEqual([base + 2000]);
  });

  it("refuses a UID that never had this name, an unknown cluster and bad input", async () => {
    await expect(h.caller.history.get({ target: myapp, uid: "uid-other" })).rejects.toThrow(
      'No history of an object with UID "uid-other"',
    );
    await expect(h.caller.history.get({ target: { ...myapp, cluster: "nope" } })).rejects.toThrow(
      'Unknown cluster "nope"',
    );
    await expect(h.caller.history.get({ target: myapp, uid: "" })).rejects.toThrow("uid must not be empty");
    await expect(h.caller.history.get({ target: myapp, since: -1 })).rejects.toThrow();
  });
});
