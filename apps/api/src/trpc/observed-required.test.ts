// Actions whose plan depends on the state the person saw must carry it: without it a promote could
// clear a pause or skip a step nobody saw. The refusal tells the client what to send.
import { canaryRollout } from "@rollscope/shared/testing/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionTestCluster, startActionTest } from "../actions/testing/action-test-cluster";

const myapp = { cluster: "demo", kind: "Rollout" as const, namespace: "rollouts-demo", name: "myapp" };

describe("observed is required where the plan depends on the state", () => {
  const cluster = new ActionTestCluster();
  let h: Awaited<ReturnType<typeof startActionTest>>;

  beforeAll(async () => {
    h = await startActionTest(cluster);
    // In the middle of a timed pause (step 3, 60 s): a promote would end it early.
    cluster.seed(canaryRollout({ status: { currentStepIndex: 3 } }));
  });
  afterAll(() => h.stop());

  const withoutObserved = {
    promote: () => h.caller.actions.promote({ target: myapp } as never),
    promoteFull: () => h.caller.actions.promoteFull({ target: myapp } as never),
    abort: () => h.caller.actions.abort({ target: myapp } as never),
    retry: () => h.caller.actions.retry({ target: myapp } as never),
    undo: () => h.caller.actions.undo({ target: myapp, revision: 0 } as never),
  };

  it.each(Object.entries(withoutObserved))(
    "%s without observed is refused, saying what to send",
    async (action, call) => {
      await expect(call()).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining(
          `observed is required for ${action}: send the state you saw (the Delivery's observed block from deliveries.get)`,
        ),
      });
    },
  );

  it("an empty observed block is refused too: it would compare nothing", async () => {
    await expect(h.caller.actions.promote({ target: myapp, observed: {} } as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining(
        "observed.aborted is missing: send the Delivery's whole observed block from deliveries.get, not a part of it.",
      ),
    });
  });

  it("none of them paused, unpaused or skipped anything", async () => {
    expect(cluster.sent).toEqual([]);
    const rollout = cluster.store.get("Rollout", "rollouts-demo", "myapp");
    expect(rollout?.status?.currentStepIndex).toBe(3);
    expect(rollout?.status?.pauseConditions).toHaveLength(1);
  });

  it("restart and set image, which do not depend on the state, may still omit it", async () => {
    await expect(h.caller.actions.restart({ target: myapp })).resolves.toMatchObject({ action: "restart" });
    await expect(
      h.caller.actions.setImage({ target: myapp, container: "myapp", image: "argoproj/rollouts-demo:blue" }),
    ).resolves.toMatchObject({ action: "setImage" });
  });

  it("with the state it saw, a promote is checked against it and applied", async () => {
    const { observed } = (await h.caller.deliveries.get(myapp)).delivery;
    await expect(h.caller.actions.promote({ target: myapp, observed })).resolves.toMatchObject({
      description: expect.stringMatching(/clear the pause/),
    });
  });
});
