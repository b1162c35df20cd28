// A Rollout that takes its pod template from a Deployment (spec.workloadRef), and a promote that
// skips a running analysis step (the `currentStepIndex` status patch).
import { parseObject, planPromote, planRolloutSetImage } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import { canaryRollout, image, namespaceArg, podTemplate, successRateTemplate } from "./scenario-objects";
import { createHarness } from "./test-harness";

describe("workloadRef", () => {
  it("builds ReplicaSets from the referenced Deployment and follows its image changes", async () => {
    const h = createHarness();
    const rollout = canaryRollout({
      namespace: "shop",
      name: "api",
      image: image("blue"),
      replicas: 2,
      steps: [{ setWeight: 50 }, { pause: {} }],
    });
    const { template: _inline, ...spec } = rollout.spec as Record<string, unknown>;
    h.create(
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "api-deploy", namespace: "shop" },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: "api" } },
          template: podTemplate("api", image("blue")),
        },
      },
      {
        ...rollout,
        spec: { ...spec, workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api-deploy" } },
      },
    );
    await h.until(() => h.rollout("shop", "api").status?.phase === "Healthy");
    expect(h.replicaSets("shop")[0]?.spec?.template?.spec?.containers?.[0]?.image).toBe(image("blue"));
    const deploy = parseObject(
      "Deployment",
      h.store.get({ kind: "Deployment", namespace: "shop", name: "api-deploy" }),
    );
    if (!deploy.ok) throw new Error(deploy.error.message);
    h.apply(
      planRolloutSetImage(
        h.rollout("shop", "api"),
        { container: "api", image: image("green") },
        deploy.value,
      ),
    );
    await h.until(() => h.rollout("shop", "api").status?.phase === "Paused");
    expect(h.rollout("shop", "api").metadata.annotations?.["rollout.argoproj.io/revision"]).toBe("2");
    expect(
      h
        .delivery("shop", "api")
        .images.map((i) => i.image)
        .sort(),
    ).toEqual([image("blue"), image("green")]);
  });
});

describe("promote during an analysis step", () => {
  it("moves to the next step and terminates the step's run", async () => {
    const h = createHarness();
    h.create(
      successRateTemplate("shop", "slow", { interval: "30s", count: 10, threshold: 0.9 }),
      canaryRollout({
        namespace: "shop",
        name: "api",
        image: image("blue"),
        replicas: 2,
        steps: [
          { setWeight: 50 },
          {
            analysis: {
              templates: [{ templateName: "slow" }],
              args: [{ name: "service", value: "api" }, namespaceArg],
            },
          },
          { pause: {} },
        ],
      }),
    );
    await h.until(() => h.rollout("shop", "api").status?.phase === "Healthy");
    h.apply(planRolloutSetImage(h.rollout("shop", "api"), { container: "api", image: image("green") }));
    await h.until(() => h.runs("shop").length === 1, 60);
    await h.step(1);
    const plan = h.apply(planPromote(h.rollout("shop", "api")));
    expect(plan.requests[0]).toMatchObject({
      body: { status: { pauseConditions: null, currentStepIndex: 2 } },
    });
    await h.step(1);
    expect(h.rollout("shop", "api").status?.currentStepIndex).toBe(2);
    expect(h.runs("shop")[0]?.spec.terminate).toBe(true);
    await h.step(1);
    expect(h.runs("shop")[0]?.status).toMatchObject({ phase: "Successful", message: "Run Terminated" });
    expect(h.rollout("shop", "api").status?.canary?.currentStepAnalysisRunStatus).toBeUndefined();
  });
});
