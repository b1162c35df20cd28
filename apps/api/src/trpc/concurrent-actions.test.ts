// Identical or overlapping actions on one object, through the router: exactly one is applied, the
// others are refused with who holds the object or which action already used the state they carry.
import { rolloutObservedState } from "@rollscope/shared";
import { canaryRollout } from "@rollscope/shared/testing/builders";
import { afterEach, describe, expect, it } from "vitest";
import { ActionTestCluster, deferred, startActionTest } from "../actions/testing/action-test-cluster";

const myapp = { cluster: "demo", kind: "Rollout" as const, namespace: "rollouts-demo", name: "myapp" };
/** myapp paused at step 1 of 8, waiting for a person. */
const pausedAtStep1 = () => canaryRollout();

type Harness = Awaited<ReturnType<typeof startActionTest>>;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function start(cluster: ActionTestCluster, now?: () => Date) {
  harness = await startActionTest(cluster, now ? { now } : {});
  return harness;
}

const auditOf = async (h: Harness) => {
  const entries = await h.caller.audit.list({ name: "myapp", limit: 1000 });
  const count = (result: string) => entries.filter((e) => e.result === result).length;
  return {
    total: entries.length,
    started: count("started"),
    succeeded: count("succeeded"),
    refused: count("refused"),
  };
};

describe("30 identical promotes at once", () => {
  it("apply one: 1 success, 29 refusals, 1 patch, and 31 audit lines", async () => {
    const cluster = new ActionTestCluster();
    const h = await start(cluster);
    cluster.seed(pausedAtStep1());
    const { observed } = (await h.caller.deliveries.get(myapp)).delivery;
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        h.callerFor(`person-${i}`).actions.promote({ target: myapp, observed }),
      ),
    );

    const succeeded = results.filter((r) => r.status === "fulfilled");
    const refusals = results.flatMap((r) =>
      r.status === "rejected" ? [r.reason as { code: string; message: string }] : [],
    );
    expect(succeeded).toHaveLength(1);
    expect(refusals).toHaveLength(29);
    for (const refusal of refusals) {
      expect(refusal.code).toBe("CONFLICT");
      expect(refusal.message).toMatch(
        /^An identical promote on Rollout rollouts-demo\/myapp is already in progress \(started by token person-\d+ at .+\); this one was not sent\.$|already acted on the state you sent/,
      );
    }
    expect(cluster.sent).toHaveLength(1);
    expect(await auditOf(h)).toEqual({ total: 31, started: 1, succeeded: 1, refused: 29 });
    // One promote: the pause is cleared once and the step was not skipped a second time.
    const rollout = cluster.store.get("Rollout", "rollouts-demo", "myapp");
    expect(rollout?.status?.pauseConditions ?? []).toEqual([]);
    expect(rollout?.status?.currentStepIndex).toBe(1);
  });
});

describe("a second identical click after the first was applied", () => {
  it("is refused, and sends nothing", async () => {
    const cluster = new ActionTestCluster();
    const h = await start(cluster);
    cluster.seed(pausedAtStep1());
    const { observed } = (await h.caller.deliveries.get(myapp)).delivery;
    await h.callerFor("ana").actions.promote({ target: myapp, observed });
    await expect(h.callerFor("ana").actions.promote({ target: myapp, observed })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^token ana's promote at \S+ already acted on the state you sent/),
    });
    expect(cluster.sent).toHaveLength(1);
    expect(cluster.store.get("Rollout", "rollouts-demo", "myapp")?.status?.currentStepIndex).toBe(1);
  });
});

describe("one action per object at a time", () => {
  it("refuses another action while one is in flight, naming who and what, then allows it", async () => {
    const cluster = new ActionTestCluster();
    const h = await start(cluster);
    cluster.seed(pausedAtStep1());
    const { observed } = (await h.caller.deliveries.get(myapp)).delivery;
    const held = deferred();
    cluster.hold = held.promise;
    const promote = h.callerFor("ana").actions.promote({ target: myapp, observed });
    await expect.poll(() => cluster.sent.length).toBe(1);

    await expect(h.callerFor("bo").actions.abort({ target: myapp, observed })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(
        /^token ana's promote on Rollout rollouts-demo\/myapp is already in progress \(started at \S+\): wait for it to finish and review the result before you abort\.$/,
      ),
    });
    held.resolve();
    cluster.hold = undefined;
    await expect(promote).resolves.toMatchObject({ action: "promote", warnings: [] });
    expect(cluster.sent).toHaveLength(1);

    // Released in a finally: with the state as it is now, the abort goes through.
    const now = (await h.caller.deliveries.get(myapp)).delivery.observed;
    await expect(h.callerFor("bo").actions.abort({ target: myapp, observed: now })).resolves.toMatchObject({
      action: "abort",
    });
    expect(cluster.sent).toHaveLength(2);
  });

  it("releases the object when the action fails, so it can be tried again", async () => {
    const cluster = new ActionTestCluster();
    const h = await start(cluster);
    cluster.seed(pausedAtStep1());
    const { observed } = (await h.caller.deliveries.get(myapp)).delivery;
    const failing = Promise.reject(new Error("connection reset"));
    failing.catch(() => {});
    cluster.hold = failing;
    await expect(h.caller.actions.promote({ target: myapp, observed })).rejects.toMatchObject({
      message: expect.stringMatching(/connection reset/),
    });
    cluster.hold = undefined;
    // A failed action consumed nothing: the same click may be sent again.
    await expect(h.caller.actions.promote({ target: myapp, observed })).resolves.toMatchObject({
      action: "promote",
    });
  });
});

describe("after an action, while the cache has not yet seen its effect", () => {
  it("refuses a second click carrying the state the first one used, until the cache moves on", async () => {
    const cluster = new ActionTestCluster({ lagging: true });
    const h = await start(cluster);
    cluster.seed(pausedAtStep1());
    const { observed } = (await h.caller.deliveries.get(myapp)).delivery;
    await h.callerFor("ana").actions.promote({ target: myapp, observed });

    // The patch landed on the API server, but the cache still shows step 1 paused.
    const cached = cluster.store.get("Rollout", "rollouts-demo", "myapp");
    expect(cached && rolloutObservedState(cached)).toEqual(observed);
    await expect(h.callerFor("bo").actions.promote({ target: myapp, observed })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(
        /^token ana's promote at \S+ already acted on the state you sent, and Rollscope has not yet seen Rollout rollouts-demo\/myapp change since\. Wait for the view to update and review the new state; if nothing has changed by \S+, you may send it again\.$/,
      ),
    });
    expect(cluster.sent).toHaveLength(1);

    // The watch event arrives: the pause is cleared, the step not yet moved (the stale check compares
    // the step, not the pause), so a late click from the old view is still refused...
    cluster.catchUp();
    const after = (await h.caller.deliveries.get(myapp)).delivery.observed;
    expect(after).toMatchObject({ stepIndex: 1, paused: false });
    await expect(h.callerFor("cy").actions.promote({ target: myapp, observed })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already acted on the state you sent/),
    });
    expect(cluster.sent).toHaveLength(1);
    // ...while a person who saw the new state may act on it.
    await expect(
      h.callerFor("bo").actions.promote({ target: myapp, observed: after }),
    ).resolves.toMatchObject({
      description: expect.stringMatching(/skip to step 2/),
    });
    expect(cluster.sent).toHaveLength(2);
  });

  it("forgets the consumed state after its time bound, for an effect the cache never shows", async () => {
    const cluster = new ActionTestCluster({ lagging: true });
    let now = new Date("2026-11-20T10:00:00Z");
    const h = await start(cluster, () => now);
    cluster.seed(pausedAtStep1());
    const { observed } = (await h.caller.deliveries.get(myapp)).delivery;
    await h.caller.actions.promote({ target: myapp, observed });
    now = new Date(now.getTime() + 119_000);
    await expect(h.caller.actions.promote({ target: myapp, observed })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    now = new Date(now.getTime() + 1_000);
    await expect(h.caller.actions.promote({ target: myapp, observed })).resolves.toMatchObject({
      action: "promote",
    });
  });

  it("does not hold back actions that claim no state (restart without observed)", async () => {
    const cluster = new ActionTestCluster({ lagging: true });
    const h = await start(cluster);
    cluster.seed(pausedAtStep1());
    const { observed } = (await h.caller.deliveries.get(myapp)).delivery;
    await h.caller.actions.restart({ target: myapp, observed });
    // A restart changes nothing the precondition compares, so it consumed no state: promote still may.
    await expect(h.caller.actions.promote({ target: myapp, observed })).resolves.toMatchObject({
      action: "promote",
    });
  });
});
