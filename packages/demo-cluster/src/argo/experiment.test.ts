// Experiment steps: the rollout creates `<rollout>-<hash>-<revision>-<step>`, the Experiment runs its
// template ReplicaSet and analysis for its duration, turns Successful, and the rollout moves on.
import { planRolloutSetImage } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import { canaryRollout, image, namespaceArg, successRateTemplate } from "./scenario-objects";
import { createHarness } from "./test-harness";

describe("experiment step", () => {
  it("runs an Experiment with its analysis, then continues the rollout", async () => {
    const h = createHarness();
    h.create(
      successRateTemplate("shop", "smoke", { interval: "10s", threshold: 0.9 }),
      canaryRollout({
        namespace: "shop",
        name: "search",
        image: image("blue"),
        replicas: 2,
        steps: [
          { setWeight: 50 },
          {
            experiment: {
              duration: "30s",
              templates: [{ name: "canary-preview", specRef: "canary", replicas: 1 }],
              analyses: [
                {
                  name: "smoke",
                  templateName: "smoke",
                  args: [{ name: "service", value: "search" }, namespaceArg],
                },
              ],
            },
          },
          { setWeight: 100 },
        ],
      }),
    );
    await h.until(() => h.rollout("shop", "search").status?.phase === "Healthy");
    h.apply(planRolloutSetImage(h.rollout("shop", "search"), { container: "search", image: image("green") }));
    await h.until(() => h.experiments("shop").length > 0, 60);
    await h.step(1);
    const hash = h.rollout("shop", "search").status?.currentPodHash;
    const [ex] = h.experiments("shop");
    expect(ex?.metadata.name).toBe(`search-${hash}-2-1`);
    expect(h.rollout("shop", "search").status?.canary?.currentExperiment).toBe(ex?.metadata.name);
    expect(h.messages("search")).toContain(`Created Experiment 'search-${hash}-2-1'`);
    await h.until(() => h.experiments("shop")[0]?.status?.phase === "Running", 30);
    const running = h.experiments("shop")[0];
    expect(running?.status?.templateStatuses?.[0]).toMatchObject({
      name: "canary-preview",
      status: "Running",
      availableReplicas: 1,
    });
    const previewRS = h
      .replicaSets("shop")
      .find((rs) => rs.metadata.annotations?.["experiment.argoproj.io/template-name"]);
    expect(previewRS?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "Experiment",
      name: ex?.metadata.name,
    });
    await h.until(() => h.experiments("shop")[0]?.status?.analysisRuns?.[0]?.analysisRun !== undefined, 10);
    expect(h.experiments("shop")[0]?.status?.analysisRuns?.[0]?.analysisRun).toBe(
      `${ex?.metadata.name}-smoke`,
    );
    await h.until(() => h.experiments("shop")[0]?.status?.phase === "Successful", 120);
    await h.until(() => h.rollout("shop", "search").status?.phase === "Healthy", 120);
    expect(h.messages("search")).toContain("Rollout step 2/3 completed (experiment)");
    expect(
      previewRS &&
        h.replicaSets("shop").find((rs) => rs.metadata.name === previewRS.metadata.name)?.spec?.replicas,
    ).toBe(0);
    const delivery = h.delivery("shop", "search");
    expect(delivery.analysisRuns.map((r) => [r.name, r.role, r.phase])).toEqual([
      [`${ex?.metadata.name}-smoke`, "experiment", "Successful"],
    ]);
  });
});
