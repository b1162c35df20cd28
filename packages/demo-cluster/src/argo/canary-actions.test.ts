// The controller's reactions to exactly the patches Rollscope's actions send (DESIGN.md §3): abort,
// retry, promote full, restart, set image mid-rollout, undo and a manual spec.paused.
import {
  planAbort,
  planPromoteFull,
  planRestart,
  planRetry,
  planRolloutSetImage,
  planUndo,
} from "@rollscope/shared";
import { beforeEach, describe, expect, it } from "vitest";
import { canaryRollout, image, walkthroughObjects } from "./scenario-objects";
import { createHarness, type Harness } from "./test-harness";

const NS = "rollouts-demo";

async function pausedCanary(): Promise<Harness> {
  const h = createHarness();
  h.create(
    ...walkthroughObjects({ interval: "20s", failureLimit: 3, threshold: 0.9 }, [
      { setWeight: 20 },
      { pause: {} },
      { setWeight: 50 },
      { pause: { duration: "30s" } },
    ]),
  );
  await h.until(() => h.rollout(NS, "myapp").status?.phase === "Healthy");
  h.apply(planRolloutSetImage(h.rollout(NS, "myapp"), { container: "myapp", image: image("yellow") }));
  await h.until(() => h.rollout(NS, "myapp").status?.phase === "Paused");
  await h.step(2);
  return h;
}

const ro = (h: Harness) => h.rollout(NS, "myapp");
const rsByRevision = (h: Harness, revision: string) =>
  h.replicaSets(NS).find((rs) => rs.metadata.annotations?.["rollout.argoproj.io/revision"] === revision);

describe("abort and retry", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await pausedCanary();
    h.apply(planAbort(ro(h)));
    await h.step(1);
  });

  it("abort drops the weight to 0 at once and marks the rollout Degraded (RolloutAborted)", () => {
    const status = ro(h).status;
    expect(status).toMatchObject({
      abort: true,
      phase: "Degraded",
      message: "RolloutAborted: Rollout aborted update to revision 2",
    });
    expect(status?.abortedAt).toMatch(/Z$/);
    expect(status?.pauseConditions ?? []).toEqual([]);
    expect(status?.currentStepIndex).toBe(0);
    expect(status?.canary?.weights?.canary?.weight).toBe(0);
    const progressing = status?.conditions?.find((c) => c.type === "Progressing");
    expect(progressing).toMatchObject({ status: "False", reason: "RolloutAborted" });
    const warning = h.events("myapp").find((e) => e.reason === "RolloutAborted");
    expect(warning).toMatchObject({
      type: "Warning",
      message: "Rollout aborted update to revision 2",
      source: { component: "rollouts-controller" },
    });
    expect(h.delivery(NS, "myapp")).toMatchObject({
      phase: "degraded",
      aborted: true,
      setWeight: 0,
      actualWeight: 0,
    });
    expect(h.runs(NS)[0]?.spec.terminate).toBe(true);
  });

  it("abort scales the canary down after abortScaleDownDelaySeconds", async () => {
    const canary = () => rsByRevision(h, "2");
    expect(canary()?.spec?.replicas).toBe(1);
    expect(canary()?.metadata.annotations?.["scale-down-deadline"]).toBeDefined();
    await h.until(() => canary()?.spec?.replicas === 0, 40);
    expect(h.delivery(NS, "myapp").revisions.find((r) => r.revision === 2)?.status).toBe("ScaledDown");
  });

  it("retry restarts from step 0 with a fresh analysis run", async () => {
    const firstRun = h.runs(NS)[0]?.metadata.name;
    await h.until(() => rsByRevision(h, "2")?.status?.replicas === 0, 40);
    h.apply(planRetry(ro(h)));
    await h.step(1);
    expect(ro(h).status).toMatchObject({ currentStepIndex: 0, phase: "Progressing" });
    expect(rsByRevision(h, "2")?.spec?.replicas).toBe(1);
    expect(ro(h).status?.abort).toBeUndefined();
    expect(ro(h).status?.conditions?.find((c) => c.type === "Progressing")?.reason).not.toBe(
      "RolloutAborted",
    );
    await h.until(() => ro(h).status?.phase === "Paused");
    await h.step(2);
    expect(ro(h).status?.currentStepIndex).toBe(1);
    const names = h.runs(NS).map((r) => r.metadata.name);
    expect(names).toEqual([firstRun, `${firstRun}.1`]);
    expect(ro(h).status?.canary?.currentBackgroundAnalysisRunStatus?.name).toBe(`${firstRun}.1`);
    // Identical events are aggregated, as the API server's event correlator does.
    const stepEvent = h
      .events("myapp")
      .find((e) => e.message === "Rollout step 1/4 completed (setWeight: 20)");
    expect(stepEvent?.count).toBe(2);
  });
});

describe("promote full", () => {
  it("skips the remaining steps: the canary scales to full size and becomes stable", async () => {
    const h = await pausedCanary();
    const plan = h.apply(planPromoteFull(ro(h)));
    expect(plan.requests[0]).toMatchObject({
      subresource: "status",
      body: { status: { promoteFull: true } },
    });
    await h.until(() => ro(h).status?.phase === "Healthy");
    const status = ro(h).status;
    expect(status?.stableRS).toBe(status?.currentPodHash);
    expect(status?.promoteFull).toBeUndefined();
    expect(status?.currentStepIndex).toBe(4);
    expect(h.messages("myapp")).toContain(
      `Rollout completed update to revision 2 (${status?.stableRS}): Full promotion requested`,
    );
    expect(h.delivery(NS, "myapp")).toMatchObject({ phase: "healthy", setWeight: 100 });
  });
});

describe("set image and undo", () => {
  it("a new image mid-rollout starts revision 3 and terminates the previous canary's runs", async () => {
    const h = await pausedCanary();
    const run = h.runs(NS)[0]?.metadata.name;
    h.apply(planRolloutSetImage(ro(h), { container: "myapp", image: image("orange") }));
    await h.step(1);
    expect(ro(h).metadata.annotations?.["rollout.argoproj.io/revision"]).toBe("3");
    expect(ro(h).status?.currentStepIndex).toBe(0);
    expect(h.runs(NS).find((r) => r.metadata.name === run)?.spec.terminate).toBe(true);
    await h.until(() => ro(h).status?.phase === "Paused");
    expect(rsByRevision(h, "3")?.spec?.template?.spec?.containers?.[0]?.image).toBe(image("orange"));
    await h.until(() => rsByRevision(h, "2")?.spec?.replicas === 0, 60);
  });

  it("undo reuses the ReplicaSet of the old revision and bumps its revision", async () => {
    const h = await pausedCanary();
    h.apply(planPromoteFull(ro(h)));
    await h.until(() => ro(h).status?.phase === "Healthy");
    const first = rsByRevision(h, "1");
    h.apply(planUndo(ro(h), h.replicaSets(NS), 0));
    await h.until(() => ro(h).status?.phase === "Paused");
    expect(h.replicaSets(NS)).toHaveLength(2);
    const reused = h.replicaSets(NS).find((rs) => rs.metadata.name === first?.metadata.name);
    expect(reused?.metadata.annotations?.["rollout.argoproj.io/revision"]).toBe("3");
    expect(ro(h).metadata.annotations?.["rollout.argoproj.io/revision"]).toBe("3");
    expect(ro(h).status?.currentPodHash).toBe(first?.metadata.labels?.["rollouts-pod-template-hash"]);
    expect(h.messages("myapp")).toContain("Rollout updated to revision 3");
  });

  it("undo while the canary runs goes straight back to stable (SkipSteps)", async () => {
    const h = await pausedCanary();
    const stable = ro(h).status?.stableRS;
    h.apply(planUndo(ro(h), h.replicaSets(NS), 1));
    await h.until(() => ro(h).status?.phase === "Healthy");
    expect(ro(h).status).toMatchObject({ currentPodHash: stable, stableRS: stable, currentStepIndex: 4 });
    expect(h.events("myapp").find((e) => e.reason === "SkipSteps")?.message).toBe("Rollback to stable");
  });
});

describe("restart and manual pause", () => {
  it("restart recreates the pods created before restartAt, then records restartedAt", async () => {
    const h = createHarness();
    h.create(
      canaryRollout({
        namespace: "shop",
        name: "cart",
        image: image("blue"),
        replicas: 3,
        steps: [{ setWeight: 50 }],
      }),
    );
    await h.until(() => h.rollout("shop", "cart").status?.phase === "Healthy");
    const before = new Set(h.pods("shop").map((p) => p.metadata.name));
    h.clock.advance(1000);
    const plan = h.apply(planRestart(h.rollout("shop", "cart"), new Date(h.clock.nowMs())));
    const [request] = plan.requests;
    const restartAt =
      request?.type === "patch" && request.patchType === "merge"
        ? (request.body.spec as { restartAt: string }).restartAt
        : "";
    expect(restartAt).toBe("2026-01-05T10:00:07Z");
    await h.step(1);
    expect(h.delivery("shop", "cart").message).toBe("rollout is restarting");
    await h.until(() => h.rollout("shop", "cart").status?.restartedAt === restartAt, 120);
    const after = h.pods("shop").map((p) => p.metadata.name);
    expect(after).toHaveLength(3);
    expect(after.filter((n) => before.has(n))).toEqual([]);
    expect(h.rollout("shop", "cart").status?.phase).toBe("Healthy");
  });

  it("spec.paused holds the rollout as 'manually paused' until unpaused", async () => {
    const h = await pausedCanary();
    h.store.patch(
      { kind: "Rollout", namespace: NS, name: "myapp" },
      { patchType: "merge", body: { spec: { paused: true } } },
    );
    await h.step(1);
    expect(ro(h).status).toMatchObject({ phase: "Paused", message: "manually paused" });
    expect(ro(h).status?.conditions?.find((c) => c.type === "Paused")?.status).toBe("True");
  });
});
