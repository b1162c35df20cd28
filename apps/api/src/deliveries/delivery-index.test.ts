// The delivery index follows what a Rollout's view depends on beyond its own children: the Deployment
// its spec.workloadRef names, which may appear after the Rollout (or never).
import { canaryRollout, deployment } from "@rollscope/shared/testing/builders";
import { describe, expect, it } from "vitest";
import { ActionTestCluster } from "../actions/testing/action-test-cluster";
import { DeliveryIndex } from "./delivery-index";

const settle = () => new Promise((r) => setTimeout(r, 30));

describe("the delivery index", () => {
  it("says a Rollout's workloadRef Deployment is missing, until that Deployment appears", async () => {
    const cluster = new ActionTestCluster();
    await cluster.start();
    const index = new DeliveryIndex(cluster, 0);
    const rollout = canaryRollout({ metadata: { name: "web", namespace: "shop" } });
    delete (rollout.spec as { template?: unknown }).template;
    rollout.spec.workloadRef = { apiVersion: "apps/v1", kind: "Deployment", name: "web-deploy" };
    cluster.seed(rollout);
    await settle();

    expect(index.get("Rollout", "shop", "web")?.notices).toEqual([
      {
        path: "spec.workloadRef.name",
        message: expect.stringMatching(
          /^names Deployment "web-deploy", which does not exist in namespace "shop"/,
        ),
      },
    ]);

    cluster.seed(deployment("web-deploy", "shop", "registry.example/web:1.2", 0));
    await settle();
    expect(index.get("Rollout", "shop", "web")?.notices).toBeUndefined();
  });
});
