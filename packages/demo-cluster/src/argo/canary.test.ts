// The canary strategy driven step by step with a manual clock: initial deploy, a new image through
// setWeight/pause steps with Istio weights, timed and manual pauses, completion and scale-down.
import { parseObject, planPromote, planRolloutSetImage } from "@rollscope/shared";
import { beforeEach, describe, expect, it } from "vitest";
import { canaryRollout, image, walkthroughObjects } from "./scenario-objects";
import { createHarness, type Harness } from "./test-harness";

const NS = "rollouts-demo";
const steps = [
  { setWeight: 20 },
  { pause: {} },
  { setWeight: 40 },
  { pause: { duration: "60s" } },
  { setWeight: 60 },
  { pause: { duration: 60 } },
  { setWeight: 80 },
  { pause: { duration: "1m" } },
];

function seed(h: Harness) {
  h.create(
    ...walkthroughObjects({ initialDelay: "60s", interval: "20s", failureLimit: 3, threshold: 0.9 }, steps),
  );
}

const vsWeights = (h: Harness) => {
  const vs = h.store.get({ kind: "VirtualService", namespace: NS, name: "myapp-vsvc" });
  const http = (vs?.spec?.http ?? []) as Array<{
    route: Array<{ destination: { host: string }; weight: number }>;
  }>;
  const route = http[0];
  return Object.fromEntries((route?.route ?? []).map((d) => [d.destination.host, d.weight]));
};

async function settled(h: Harness) {
  await h.until(() => h.rollout(NS, "myapp").status?.phase === "Healthy");
}

async function setImage(h: Harness, tag: string) {
  h.apply(planRolloutSetImage(h.rollout(NS, "myapp"), { container: "myapp", image: image(tag) }));
}

describe("canary: initial deploy", () => {
  let h: Harness;
  beforeEach(async () => {
    h = createHarness();
    seed(h);
    await settled(h);
  });

  it("creates revision 1 as a ReplicaSet owned by the rollout, with ready pods", () => {
    const ro = h.rollout(NS, "myapp");
    const [rs] = h.replicaSets(NS);
    const hash = ro.status?.currentPodHash ?? "";
    expect(hash).toMatch(/^[a-z0-9]{8,10}$/);
    expect(rs?.metadata.name).toBe(`myapp-${hash}`);
    expect(rs?.metadata.labels).toEqual({ app: "myapp", "rollouts-pod-template-hash": hash });
    expect(rs?.metadata.annotations?.["rollout.argoproj.io/revision"]).toBe("1");
    expect(rs?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "Rollout",
      name: "myapp",
      uid: ro.metadata.uid,
      controller: true,
    });
    expect(rs?.spec?.replicas).toBe(5);
    const pods = h.pods(NS);
    expect(pods).toHaveLength(5);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(new RegExp(`^myapp-${hash}-[a-z0-9]{5}$`));
      expect(pod.status?.phase).toBe("Running");
      expect(pod.status?.containerStatuses?.[0]).toMatchObject({ ready: true, image: image("blue") });
    }
  });

  it("reports the status fields the controller writes", () => {
    const status = h.rollout(NS, "myapp").status;
    expect(status).toMatchObject({
      phase: "Healthy",
      observedGeneration: "1",
      currentStepIndex: 8,
      replicas: 5,
      updatedReplicas: 5,
      readyReplicas: 5,
      availableReplicas: 5,
      selector: "app=myapp",
    });
    expect(status?.stableRS).toBe(status?.currentPodHash);
    expect(status?.currentStepHash).toMatch(/^[a-z0-9]+$/);
    const byType = Object.fromEntries((status?.conditions ?? []).map((c) => [c.type, [c.status, c.reason]]));
    expect(byType).toEqual({
      Available: ["True", "AvailableReason"],
      Completed: ["True", "RolloutCompleted"],
      Healthy: ["True", "RolloutHealthy"],
      Progressing: ["True", "NewReplicaSetAvailable"],
    });
    expect(h.reasons("myapp")).toContain("RolloutCompleted");
    expect(h.messages("myapp")).toContain(
      `Rollout completed update to revision 1 (${status?.stableRS}): Initial deploy`,
    );
  });

  it("writes objects every Rollscope schema accepts", () => {
    for (const raw of h.store.all()) {
      const kind = raw.kind as Parameters<typeof parseObject>[0];
      const parsed = parseObject(kind, raw);
      expect(parsed.ok ? "ok" : parsed.error.message).toBe("ok");
    }
  });
});

describe("canary: a new image", () => {
  let h: Harness;
  let stableHash: string;
  beforeEach(async () => {
    h = createHarness();
    seed(h);
    await settled(h);
    stableHash = h.rollout(NS, "myapp").status?.stableRS ?? "";
    await setImage(h, "yellow");
    await h.until(() => h.rollout(NS, "myapp").status?.phase === "Paused");
    await h.step(1);
  });

  it("creates revision 2, shifts 20% of traffic and pauses at step 1", () => {
    const ro = h.rollout(NS, "myapp");
    const canaryHash = ro.status?.currentPodHash ?? "";
    expect(canaryHash).not.toBe(stableHash);
    expect(ro.metadata.annotations?.["rollout.argoproj.io/revision"]).toBe("2");
    expect(ro.status).toMatchObject({
      currentStepIndex: 1,
      controllerPause: true,
      stableRS: stableHash,
      pauseConditions: [{ reason: "CanaryPauseStep" }],
      canary: {
        weights: {
          canary: { weight: 20, podTemplateHash: canaryHash, serviceName: "myapp-canary-svc" },
          stable: { weight: 80, podTemplateHash: stableHash, serviceName: "myapp-stable-svc" },
        },
      },
    });
    expect(vsWeights(h)).toEqual({ "myapp-stable-svc": 80, "myapp-canary-svc": 20 });
    const canaryRS = h.replicaSets(NS).find((rs) => rs.metadata.name === `myapp-${canaryHash}`);
    expect(canaryRS?.spec?.replicas).toBe(1);
    const messages = h.messages("myapp");
    const after = messages.slice(
      messages.indexOf(`Rollout not completed, started update to revision 2 (${canaryHash})`),
    );
    expect(after).toEqual([
      `Rollout not completed, started update to revision 2 (${canaryHash})`,
      "Rollout updated to revision 2",
      `Created ReplicaSet myapp-${canaryHash} (revision 2)`,
      `Scaled up ReplicaSet myapp-${canaryHash} (revision 2) from 0 to 1`,
      "Traffic weight updated from 0 to 20",
      "Rollout step 1/8 completed (setWeight: 20)",
      "Rollout is paused (CanaryPauseStep)",
      `Background Analysis Run 'myapp-${canaryHash}-2' Status New: 'Running' Previous: ''`,
    ]);
    const delivery = h.delivery(NS, "myapp");
    expect(delivery).toMatchObject({
      rawPhase: "Paused",
      message: "CanaryPauseStep",
      waitingForPerson: true,
    });
    expect(delivery.step).toEqual({ index: 1, total: 8 });
    expect([delivery.setWeight, delivery.actualWeight]).toEqual([20, 20]);
  });

  it("starts the background analysis at startingStep 1, with resolved args", () => {
    const canaryHash = h.rollout(NS, "myapp").status?.currentPodHash;
    const [run] = h.runs(NS);
    expect(run?.metadata.name).toBe(`myapp-${canaryHash}-2`);
    expect(run?.metadata.labels).toEqual({
      app: "myapp",
      "rollout-type": "Background",
      "rollouts-pod-template-hash": canaryHash,
    });
    expect(run?.metadata.annotations).toEqual({ "rollout.argoproj.io/revision": "2" });
    expect(run?.spec.args).toEqual([
      { name: "service", value: "myapp-canary-svc" },
      { name: "namespace", value: NS },
    ]);
    expect(h.rollout(NS, "myapp").status?.canary?.currentBackgroundAnalysisRunStatus).toMatchObject({
      name: run?.metadata.name,
      status: "Running",
    });
  });

  it("promote from the manual pause moves to the next step and weight", async () => {
    const plan = h.apply(planPromote(h.rollout(NS, "myapp")));
    expect(plan.requests[0]).toMatchObject({ body: { status: { pauseConditions: null } } });
    await h.until(() => h.rollout(NS, "myapp").status?.currentStepIndex === 3);
    await h.step(1);
    const ro = h.rollout(NS, "myapp");
    expect(ro.status?.pauseConditions?.[0]?.reason).toBe("CanaryPauseStep");
    expect(ro.status?.canary?.weights?.canary?.weight).toBe(40);
    expect(vsWeights(h)).toEqual({ "myapp-stable-svc": 60, "myapp-canary-svc": 40 });
    expect(h.messages("myapp")).toEqual(
      expect.arrayContaining([
        "Rollout step 2/8 completed (pause)",
        "Traffic weight updated from 20 to 40",
        "Rollout step 3/8 completed (setWeight: 40)",
      ]),
    );
    expect(h.delivery(NS, "myapp")).toMatchObject({
      step: { index: 3, total: 8 },
      setWeight: 40,
      waitingForPerson: false,
    });
  });

  it("a timed pause resumes by itself when its duration has passed", async () => {
    h.apply(planPromote(h.rollout(NS, "myapp")));
    await h.until(() => h.rollout(NS, "myapp").status?.pauseConditions?.[0]?.startTime != null);
    expect(h.rollout(NS, "myapp").status?.currentStepIndex).toBe(3);
    const started = Date.parse(h.rollout(NS, "myapp").status?.pauseConditions?.[0]?.startTime ?? "");
    await h.until(() => (h.rollout(NS, "myapp").status?.currentStepIndex ?? 0) > 3);
    expect(h.clock.nowMs() - started).toBeGreaterThanOrEqual(60_000);
    expect(h.messages("myapp")).toContain("Rollout step 4/8 completed (pause: 60s)");
    expect(h.reasons("myapp")).toContain("RolloutResumed");
  });

  it("completes: the canary becomes stable, weights return to 0, old pods go after scaleDownDelaySeconds", async () => {
    h.apply(planPromote(h.rollout(NS, "myapp")));
    await h.until(() => h.rollout(NS, "myapp").status?.phase === "Healthy", 900);
    const ro = h.rollout(NS, "myapp");
    const hash = ro.status?.currentPodHash;
    expect(ro.status).toMatchObject({ stableRS: hash, currentStepIndex: 8 });
    expect(ro.status?.canary?.weights?.canary?.weight).toBe(0);
    expect(vsWeights(h)).toEqual({ "myapp-stable-svc": 100, "myapp-canary-svc": 0 });
    expect(h.messages("myapp")).toContain(
      `Rollout completed update to revision 2 (${hash}): Completed all 8 canary steps`,
    );
    const old = h.replicaSets(NS).find((rs) => rs.metadata.name === `myapp-${stableHash}`);
    expect(old?.metadata.annotations?.["scale-down-deadline"]).toMatch(/Z$/);
    await h.until(
      () => h.replicaSets(NS).find((rs) => rs.metadata.name === `myapp-${stableHash}`)?.spec?.replicas === 0,
      60,
    );
    expect(h.messages("myapp")).toContain(
      `Scaled down ReplicaSet myapp-${stableHash} (revision 1) from 5 to 0`,
    );
    expect(h.runs(NS)[0]?.spec.terminate).toBe(true);
    expect(h.delivery(NS, "myapp")).toMatchObject({ phase: "healthy", step: { index: 8, total: 8 } });
  });
});

describe("canary without traffic routing", () => {
  it("splits pods by weight: ceil(weight% of replicas) for the canary", async () => {
    const h = createHarness();
    h.create(
      canaryRollout({
        namespace: "shop",
        name: "cart",
        image: image("blue"),
        replicas: 4,
        steps: [{ setWeight: 30 }, { pause: {} }],
      }),
    );
    await h.until(() => h.rollout("shop", "cart").status?.phase === "Healthy");
    h.apply(planRolloutSetImage(h.rollout("shop", "cart"), { container: "cart", image: image("green") }));
    await h.until(() => h.rollout("shop", "cart").status?.phase === "Paused");
    const sizes = h
      .replicaSets("shop")
      .map((rs) => [rs.metadata.annotations?.["rollout.argoproj.io/revision"], rs.spec?.replicas]);
    expect(Object.fromEntries(sizes)).toEqual({ "1": 3, "2": 2 });
    const delivery = h.delivery("shop", "cart");
    expect([delivery.setWeight, delivery.actualWeight]).toEqual([30, 40]);
    expect(h.rollout("shop", "cart").status?.canary?.weights).toBeUndefined();
  });
});
