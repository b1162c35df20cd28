import { describe, expect, it } from "vitest";
import { canaryRollout, deployment } from "../testing/builders";
import { rolloutDelivery } from "./rollout-delivery";

describe("a Rollout the controller and plugin cannot decode or run is shown with the reason", () => {
  it("names a pod-template quantity Go cannot parse (Argo's own expectedfailures/malformed-rollout.yaml)", () => {
    const rollout = canaryRollout();
    const container = rollout.spec.template?.spec?.containers?.[0] as Record<string, unknown>;
    container.resources = { requests: { memory: "invalid" } };
    const d = rolloutDelivery({ cluster: "c", rollout });
    expect(d.notices).toEqual([
      {
        path: "spec.template.spec.containers[0].resources.requests.memory",
        message: expect.stringContaining("not a Kubernetes quantity"),
      },
    ]);
  });

  it("says when the workloadRef Deployment is missing, and nothing when it was not looked up", () => {
    const rollout = canaryRollout({ metadata: { name: "web", namespace: "shop" } });
    rollout.spec.workloadRef = { apiVersion: "apps/v1", kind: "Deployment", name: "web-deploy" };
    expect(rolloutDelivery({ cluster: "c", rollout, workload: null }).notices?.[0]?.message).toMatch(
      /^names Deployment "web-deploy", which does not exist in namespace "shop"/,
    );
    expect(rolloutDelivery({ cluster: "c", rollout }).notices).toBeUndefined();
    const found = deployment("web-deploy", "shop", "registry.example/web:1", 1);
    expect(rolloutDelivery({ cluster: "c", rollout, workload: found }).notices).toBeUndefined();
  });
});
