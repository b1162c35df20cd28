// The rules of the kubectl-argo-rollouts plugin's info package (v1.10.1) that a Delivery follows for
// a Rollout's ReplicaSets (roles, revisions, health) and images, one describe per rule, on objects
// shaped as an API server returns them. Every expected value is what e2e/oracle (the plugin's own
// code) prints for them.
import { describe, expect, it } from "vitest";
import {
  canarySteps,
  created,
  deliveryOf,
  experiment,
  experimentOwner,
  header,
  imageRows,
  oneOfThreeUpdated,
  replicaSet,
  replicaSetRows,
  rollout,
  settledOnAaa,
} from "./plugin-rules.fixture";

describe("ReplicaSets without the rollouts-pod-template-hash label match an empty status field", () => {
  it("is the canary while status.currentPodHash is unset, and gives the actual weight", () => {
    const d = deliveryOf([
      rollout(
        { strategy: { canary: canarySteps } },
        {
          currentStepIndex: 0,
          stableRS: "aaa",
          replicas: 3,
          updatedReplicas: 1,
          readyReplicas: 3,
          availableReplicas: 4,
        },
      ),
      replicaSet("web-aaa", { hash: "aaa", revision: "1", replicas: 2, images: ["shop/web:1"] }),
      replicaSet("web-nolabel", { revision: "2", replicas: 2, available: 1, images: ["shop/web:2"] }),
    ]);
    expect(header(d).actualWeight).toBe("25");
    expect(replicaSetRows(d)).toEqual([
      ["web-nolabel", 2, "Progressing", ["canary"], ["shop/web:2"]],
      ["web-aaa", 1, "Healthy", ["stable"], ["shop/web:1"]],
    ]);
    expect(imageRows(d)).toEqual([
      ["shop/web:1", ["stable"]],
      ["shop/web:2", ["canary"]],
    ]);
  });

  it("is the stable (with its ping-pong side) while status.stableRS is unset", () => {
    const d = deliveryOf([
      rollout(
        {
          strategy: {
            canary: {
              ...canarySteps,
              pingPong: { pingService: "ping", pongService: "pong" },
              trafficRouting: { smi: {} },
            },
          },
        },
        {
          currentStepIndex: 1,
          currentPodHash: "bbb",
          canary: { stablePingPong: "pong" },
          replicas: 3,
          updatedReplicas: 1,
          readyReplicas: 3,
          availableReplicas: 3,
        },
      ),
      replicaSet("web-nolabel", { revision: "1", replicas: 2, images: ["shop/web:1"] }),
      replicaSet("web-bbb", { hash: "bbb", revision: "2", replicas: 1, images: ["shop/web:2"] }),
    ]);
    expect(replicaSetRows(d).map((r) => r.slice(0, 4))).toEqual([
      ["web-bbb", 2, "Healthy", ["canary", "ping"]],
      ["web-nolabel", 1, "Healthy", ["stable", "pong"]],
    ]);
    expect(imageRows(d)).toEqual([
      ["shop/web:1", ["stable", "pong"]],
      ["shop/web:2", ["canary", "ping"]],
    ]);
  });

  it("is the active ReplicaSet of a blue-green whose activeSelector is unset", () => {
    const d = deliveryOf([
      rollout(
        { strategy: { blueGreen: { activeService: "a", previewService: "p" } } },
        {
          stableRS: "aaa",
          currentPodHash: "bbb",
          blueGreen: { previewSelector: "bbb" },
          replicas: 4,
          updatedReplicas: 2,
          readyReplicas: 4,
          availableReplicas: 4,
        },
      ),
      replicaSet("web-aaa", { hash: "aaa", revision: "1", replicas: 2, images: ["shop/web:1"] }),
      replicaSet("web-nolabel", { revision: "", replicas: 2, images: ["shop/web:1"] }),
      replicaSet("web-bbb", { hash: "bbb", revision: "2", replicas: 2, images: ["shop/web:2"] }),
    ]);
    expect(header(d)).toMatchObject({ message: "active service cutover pending", strategy: "BlueGreen" });
    expect(replicaSetRows(d).map((r) => r.slice(0, 4))).toEqual([
      ["web-bbb", 2, "Healthy", ["preview"]],
      ["web-aaa", 1, "Healthy", ["stable"]],
      ["web-nolabel", 0, "Healthy", ["active"]],
    ]);
    // An image seen in two ReplicaSets gets the sorted union of their tags.
    expect(imageRows(d)).toEqual([
      ["shop/web:1", ["active", "stable"]],
      ["shop/web:2", ["preview"]],
    ]);
  });
});

describe("the rollout.argoproj.io/revision annotation is read with strconv.Atoi (0 when it fails)", () => {
  it("orders ReplicaSets by that number, then by name", () => {
    const d = deliveryOf([
      rollout({ strategy: { canary: {} } }, settledOnAaa),
      replicaSet("web-a", { hash: "aaa", revision: "12abc", replicas: 0 }),
      replicaSet("web-b", { hash: "b1", revision: " 3", replicas: 0 }),
      replicaSet("web-c", { hash: "c1", revision: "+4", replicas: 0 }),
      replicaSet("web-d", { hash: "d1", revision: "007", replicas: 0 }),
      replicaSet("web-e", { hash: "e1", replicas: 0 }),
      replicaSet("web-f", { hash: "f1", revision: "-2", replicas: 0 }),
      replicaSet("web-g", { hash: "g1", revision: "1.0", replicas: 0 }),
    ]);
    expect(d.revisions.map((r) => [r.name, r.revision])).toEqual([
      ["web-d", 7],
      ["web-c", 4],
      ["web-a", undefined],
      ["web-b", undefined],
      ["web-e", undefined],
      ["web-g", undefined],
      ["web-f", -2],
    ]);
    expect(d.revisions[2]?.roles).toEqual(["stable"]);
  });
});

describe("ReplicaSet health (info.getReplicaSetHealth)", () => {
  it("reads only the first ReplicaFailure condition, and an unobserved generation is Progressing", () => {
    const failure = (status: string, message: string) => ({
      type: "ReplicaFailure",
      status,
      reason: "FailedCreate",
      message,
      lastTransitionTime: created,
    });
    const d = deliveryOf([
      rollout({ strategy: { canary: {} } }, settledOnAaa),
      replicaSet("web-first-false", {
        hash: "x1",
        revision: "3",
        replicas: 2,
        conditions: [failure("False", "old"), failure("True", "quota")],
      }),
      replicaSet("web-first-true", {
        hash: "x2",
        revision: "2",
        replicas: 2,
        conditions: [failure("True", "quota")],
      }),
      replicaSet("web-unobserved", {
        hash: "x3",
        revision: "1",
        replicas: 0,
        generation: 4,
        observedGeneration: 3,
      }),
      replicaSet("web-aaa", { hash: "aaa", revision: "4", replicas: 2, available: 1 }),
    ]);
    expect(d.revisions.map((r) => [r.name, r.status])).toEqual([
      ["web-aaa", "Progressing"],
      ["web-first-false", "Healthy"],
      ["web-first-true", "ReplicaFailure"],
      ["web-unobserved", "Progressing"],
    ]);
  });
});

describe("images (info.Images)", () => {
  it("lists every container's image, merges across ReplicaSets and Experiments, sorts by byte order", () => {
    const expUid = "0a1b2c3d-0000-4000-8000-0000000e0001";
    const d = deliveryOf([
      rollout({ strategy: { canary: canarySteps } }, { ...oneOfThreeUpdated, currentStepIndex: 0 }),
      replicaSet("web-aaa", {
        hash: "aaa",
        revision: "1",
        replicas: 2,
        images: ["shop/web:1", "shop/sidecar:1"],
      }),
      replicaSet("web-bbb", {
        hash: "bbb",
        revision: "2",
        replicas: 1,
        images: ["shop/web:2", "shop/sidecar:1", undefined],
      }),
      replicaSet("web-old", {
        hash: "ccc",
        revision: "0",
        replicas: 1,
        images: ["shop/web:2", "shop/web:2"],
      }),
      experiment("web-bbb-2-1", expUid, { revision: "2", status: { phase: "Running" } }),
      replicaSet("web-bbb-2-1-canary", {
        replicas: 1,
        images: ["shop/web:2", "Zeta/web:1"],
        annotations: { "experiment.argoproj.io/template-name": "canary" },
        owners: experimentOwner("web-bbb-2-1", expUid),
      }),
    ]);
    expect(replicaSetRows(d).map((r) => [r[0], r[4]])).toEqual([
      ["web-bbb", ["shop/web:2", "shop/sidecar:1", ""]],
      ["web-aaa", ["shop/web:1", "shop/sidecar:1"]],
      ["web-old", ["shop/web:2", "shop/web:2"]],
    ]);
    expect(imageRows(d)).toEqual([
      ["", ["canary"]],
      ["Zeta/web:1", ["Σ:canary"]],
      ["shop/sidecar:1", ["canary", "stable"]],
      ["shop/web:1", ["stable"]],
      ["shop/web:2", ["canary", "Σ:canary"]],
    ]);
  });
});
