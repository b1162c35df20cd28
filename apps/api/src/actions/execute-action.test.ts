// An applied action is acknowledged only once its follow-up is saved; a save that fails is logged
// loudly and surfaced with what to do by hand, never lost as an unhandled rejection.
import { flaggerCanary } from "@rollscope/shared/testing/builders";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ActionTestCluster, deferred, startActionTest } from "./testing/action-test-cluster";

const podinfo = { cluster: "demo", kind: "Canary" as const, namespace: "test", name: "podinfo" };

type Harness = Awaited<ReturnType<typeof startActionTest>>;
let harness: Harness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await harness?.stop();
  harness = undefined;
});

/** A Flagger canary mid-analysis without gates: promote sets skipAnalysis and owes its restore. */
async function progressingCanary() {
  const cluster = new ActionTestCluster();
  harness = await startActionTest(cluster);
  cluster.seed(flaggerCanary());
  const { observed } = (await harness.caller.deliveries.get(podinfo)).delivery;
  return { h: harness, cluster, observed };
}

describe("the follow-up of an action", () => {
  it("is saved before the action is acknowledged", async () => {
    const { h, observed } = await progressingCanary();
    const save = deferred();
    const add = vi.spyOn(h.services.followUps, "add").mockImplementation(() => save.promise);
    let acknowledged = false;
    const promote = h.caller.actions.promote({ target: podinfo, observed }).then((outcome) => {
      acknowledged = true;
      return outcome;
    });
    await expect.poll(() => add.mock.calls.length).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(acknowledged).toBe(false);
    save.resolve();
    await expect(promote).resolves.toMatchObject({ lever: "skipAnalysis", warnings: [] });
    expect(add.mock.calls[0]?.[0]).toMatchObject({
      namespace: "test",
      name: "podinfo",
      requests: [{ type: "patch", body: { spec: { skipAnalysis: false } } }],
      reason: "after Promote by token tester",
    });
  });

  it("that cannot be saved leaves the action reported, with a loud log and what to do by hand", async () => {
    const { h, cluster, observed } = await progressingCanary();
    vi.spyOn(h.services.followUps, "add").mockRejectedValue(new Error("ENOSPC: no space left on device"));
    const logged = vi.spyOn(h.services.log, "error");

    const outcome = await h.caller.actions.promote({ target: podinfo, observed });

    const warning =
      'Promote was applied, but Rollscope could not save what it must do once the run is over (ENOSPC: no space left on device), so it will not do it. When the canary has finished, do it yourself: kubectl -n test patch canary podinfo --type merge -p \'{"spec":{"skipAnalysis":false}}\'.';
    expect(outcome).toMatchObject({ action: "promote", lever: "skipAnalysis", warnings: [warning] });
    expect(cluster.sent).toHaveLength(1);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ followUp: expect.objectContaining({ name: "podinfo" }) }),
      expect.stringMatching(/could not save a follow-up/),
    );
    // The audit says so too, and the delivery's activity timeline shows it.
    const [succeeded] = await h.caller.audit.list({ name: "podinfo", limit: 1 });
    expect(succeeded).toMatchObject({ result: "succeeded", error: warning });
  });

  it("is not owed by an action without one", async () => {
    const { h, observed } = await progressingCanary();
    const add = vi.spyOn(h.services.followUps, "add");
    await expect(h.caller.actions.abort({ target: podinfo, observed })).resolves.toMatchObject({
      lever: "failedChecks",
      warnings: [],
    });
    expect(add).not.toHaveBeenCalled();
  });
});

describe("the Kubernetes Event of an action", () => {
  it("failing, even synchronously, neither fails the action nor goes unhandled", async () => {
    const { h, cluster, observed } = await progressingCanary();
    vi.spyOn(cluster, "recordEvent").mockImplementation(() => {
      throw new Error("events are forbidden");
    });
    const warned = vi.spyOn(h.services.log, "warn");
    await expect(h.caller.actions.abort({ target: podinfo, observed })).resolves.toMatchObject({
      action: "abort",
    });
    await expect.poll(() => warned.mock.calls.length).toBeGreaterThan(0);
    expect(warned).toHaveBeenCalledWith(
      expect.anything(),
      "could not record the action as a Kubernetes Event",
    );
  });
});
