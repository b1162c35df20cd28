import { describe, expect, it } from "vitest";
import { builtinKinds, defaultEventInvolvedKinds, planInformers } from "./informer-plan";

describe("planInformers", () => {
  it("watches built-ins with selectors: pod-template hashes for ReplicaSets/Pods, involved kinds for Events", () => {
    const specs = planInformers({
      kinds: new Set(builtinKinds),
      eventInvolvedKinds: defaultEventInvolvedKinds,
    });
    expect(specs.map((s) => [s.id, s.path, s.labelSelector ?? s.fieldSelector ?? ""])).toEqual([
      ["ReplicaSet[rollouts-pod-template-hash]@*", "/apis/apps/v1/replicasets", "rollouts-pod-template-hash"],
      ["ReplicaSet[pod-template-hash]@*", "/apis/apps/v1/replicasets", "pod-template-hash"],
      ["Pod[rollouts-pod-template-hash]@*", "/api/v1/pods", "rollouts-pod-template-hash"],
      ["Pod[pod-template-hash]@*", "/api/v1/pods", "pod-template-hash"],
      ["Deployment@*", "/apis/apps/v1/deployments", ""],
      ["Event[Rollout]@*", "/api/v1/events", "involvedObject.kind=Rollout"],
      ["Event[AnalysisRun]@*", "/api/v1/events", "involvedObject.kind=AnalysisRun"],
      ["Event[Experiment]@*", "/api/v1/events", "involvedObject.kind=Experiment"],
      ["Event[Canary]@*", "/api/v1/events", "involvedObject.kind=Canary"],
    ]);
  });

  it("has one informer per namespace when restricted, and one for cluster-scoped kinds", () => {
    const specs = planInformers({
      kinds: new Set(["Rollout", "ClusterAnalysisTemplate"]),
      namespaces: ["shop", "pay", "shop"],
      eventInvolvedKinds: [],
    });
    expect(specs.map((s) => [s.id, s.path])).toEqual([
      ["Rollout@shop", "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts"],
      ["Rollout@pay", "/apis/argoproj.io/v1alpha1/namespaces/pay/rollouts"],
      ["ClusterAnalysisTemplate@*", "/apis/argoproj.io/v1alpha1/clusteranalysistemplates"],
    ]);
  });
});
