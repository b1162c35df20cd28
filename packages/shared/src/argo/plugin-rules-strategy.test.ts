// The rules of the kubectl-argo-rollouts plugin's info package (v1.10.1) that a Delivery follows for
// a Rollout's strategy and weights, one describe per rule, on objects shaped as an API server
// returns them. Every expected value is what e2e/oracle (the plugin's own code) prints for them.
import { describe, expect, it } from "vitest";
import {
  canarySteps,
  deliveryOf,
  header,
  imageRows,
  oneOfThreeUpdated,
  type Raw,
  replicaSet,
  replicaSetRows,
  rollout,
  stableAndCanary,
} from "./plugin-rules.fixture";

describe("strategy (info.NewRolloutInfo): canary wins over blueGreen, neither shows none", () => {
  it("a spec naming both is a canary for strategy, step and weights; the phase checks blue-green first", () => {
    const d = deliveryOf([
      rollout(
        {
          strategy: {
            canary: canarySteps,
            blueGreen: { activeService: "web-active", previewService: "web-preview" },
          },
        },
        {
          ...oneOfThreeUpdated,
          currentStepIndex: 1,
          blueGreen: { activeSelector: "aaa", previewSelector: "bbb" },
        },
      ),
      replicaSet("web-aaa", { hash: "aaa", revision: "1", replicas: 2, images: ["shop/web:1"] }),
      replicaSet("web-bbb", { hash: "bbb", revision: "2", replicas: 1, images: ["shop/web:2"] }),
    ]);
    expect(header(d)).toEqual({
      status: "Progressing",
      message: "more replicas need to be updated",
      strategy: "Canary",
      step: "1/4",
      setWeight: "20",
      actualWeight: "33",
    });
    // Both blocks set flags; the printer shows canary instead of preview, and stable once.
    expect(replicaSetRows(d)).toEqual([
      ["web-bbb", 2, "Healthy", ["canary"], ["shop/web:2"]],
      ["web-aaa", 1, "Healthy", ["stable", "active"], ["shop/web:1"]],
    ]);
    // The Images line carries every flag.
    expect(imageRows(d)).toEqual([
      ["shop/web:1", ["stable", "active"]],
      ["shop/web:2", ["canary", "preview"]],
    ]);
    expect(d.timeline.map((t) => t.type)).toEqual(["setWeight", "pause", "setWeight", "pause"]);
  });

  it("both strategies with the canary active: post-promotion verification, active tag hidden by canary", () => {
    const d = deliveryOf([
      rollout(
        { strategy: { canary: canarySteps, blueGreen: { activeService: "web-active" } } },
        {
          currentStepIndex: 2,
          stableRS: "aaa",
          currentPodHash: "bbb",
          blueGreen: { activeSelector: "bbb" },
          replicas: 3,
          updatedReplicas: 2,
          readyReplicas: 3,
          availableReplicas: 3,
        },
      ),
      replicaSet("web-aaa", { hash: "aaa", revision: "1", replicas: 1, images: ["shop/web:1"] }),
      replicaSet("web-bbb", {
        hash: "bbb",
        revision: "2",
        replicas: 2,
        available: 1,
        images: ["shop/web:2"],
      }),
    ]);
    expect(header(d)).toEqual({
      status: "Progressing",
      message: "waiting for post-promotion verification to complete",
      strategy: "Canary",
      step: "2/4",
      setWeight: "60",
      actualWeight: "33",
    });
    expect(replicaSetRows(d).map((r) => r.slice(0, 4))).toEqual([
      ["web-bbb", 2, "Progressing", ["canary"]],
      ["web-aaa", 1, "Healthy", ["stable"]],
    ]);
    expect(imageRows(d)).toEqual([
      ["shop/web:1", ["stable"]],
      ["shop/web:2", ["canary", "active"]],
    ]);
  });

  it("a spec naming neither has no strategy, no weights and untagged ReplicaSets", () => {
    const status = {
      currentStepIndex: 0,
      stableRS: "aaa",
      currentPodHash: "bbb",
      replicas: 2,
      updatedReplicas: 1,
      readyReplicas: 2,
      availableReplicas: 2,
    };
    const aaa = () => replicaSet("web-aaa", { hash: "aaa", revision: "1", replicas: 2 });
    for (const spec of [{ strategy: {} }, {}]) {
      const d = deliveryOf([rollout(spec, status), aaa()]);
      expect(d.strategy).toBeUndefined();
      expect(header(d)).toEqual({
        status: "Progressing",
        message: "more replicas need to be updated",
        strategy: "",
        step: "",
        setWeight: "",
        actualWeight: "",
      });
      expect(d.setWeight).toBe(0);
      expect(replicaSetRows(d)).toEqual([["web-aaa", 1, "Healthy", [], ["shop/web:2"]]]);
      expect(imageRows(d)).toEqual([["shop/web:2", []]]);
    }
  });
});

describe("weights (info.NewRolloutInfo SetWeight / ActualWeight)", () => {
  const base = oneOfThreeUpdated;
  const steps = { steps: [{ pause: {} }, { setWeight: 30 }, { pause: {} }] };
  const weights = (spec: Raw, status: Raw, replicaSets = stableAndCanary()) => {
    const { step, setWeight, actualWeight } = header(deliveryOf([rollout(spec, status), ...replicaSets]));
    return [step, setWeight, actualWeight];
  };

  it("keeps the last canary ReplicaSet's share of available pods", () => {
    expect(
      weights(
        { strategy: { canary: canarySteps } },
        { ...base, currentStepIndex: 0, replicas: 6, availableReplicas: 6 },
        [
          replicaSet("web-aaa", { hash: "aaa", revision: "1", replicas: 3 }),
          replicaSet("web-bbb-1", { hash: "bbb", revision: "2", replicas: 1 }),
          replicaSet("web-bbb-2", { hash: "bbb", revision: "2", replicas: 2 }),
        ],
      ),
    ).toEqual(["0/4", "20", "33"]);
  });

  it("computes the share in int32, as Go does", () => {
    expect(
      weights(
        { strategy: { canary: steps } },
        { ...base, currentStepIndex: 2, availableReplicas: 60000000 },
        [
          replicaSet("web-aaa", { hash: "aaa", revision: "1", replicas: 30000000 }),
          replicaSet("web-bbb", { hash: "bbb", revision: "2", replicas: 30000000 }),
        ],
      ),
    ).toEqual(["2/3", "30", "-21"]);
  });

  it("takes a traffic router's reported weight even when it is 0", () => {
    const routed = { strategy: { canary: { ...canarySteps, trafficRouting: { smi: {} } } } };
    const reported = {
      weights: {
        canary: { weight: 0, podTemplateHash: "bbb", serviceName: "c" },
        stable: { weight: 100, podTemplateHash: "aaa", serviceName: "s" },
      },
    };
    expect(weights(routed, { ...base, currentStepIndex: 0, canary: reported })).toEqual(["0/4", "20", "0"]);
  });

  const canary = { strategy: { canary: steps } };
  const max1000 = { strategy: { canary: { ...steps, trafficRouting: { maxTrafficWeight: 1000, smi: {} } } } };
  it.each<[string, Raw, Raw, string[]]>([
    [
      "aborted past the last step",
      canary,
      { ...base, abort: true, currentStepIndex: 3 },
      ["3/3", "0", "100"],
    ],
    ["aborted mid-way", canary, { ...base, abort: true, currentStepIndex: 1 }, ["1/3", "0", "33"]],
    ["before the first setWeight", canary, { ...base, currentStepIndex: 0 }, ["0/3", "0", "33"]],
    ["without steps", { strategy: { canary: {} } }, { ...base, currentStepIndex: 0 }, ["", "100", "100"]],
    [
      "without a step index",
      { strategy: { canary: { steps: [{ setWeight: 10 }, { pause: {} }] } } },
      base,
      ["", "10", "33"],
    ],
    [
      "with no available pods",
      canary,
      { ...base, currentStepIndex: 2, availableReplicas: 0 },
      ["2/3", "30", "0"],
    ],
    [
      "past the last step, maxTrafficWeight 1000",
      max1000,
      { ...base, currentStepIndex: 3 },
      ["3/3", "1000", "1000"],
    ],
    ["mid-way, maxTrafficWeight 1000", max1000, { ...base, currentStepIndex: 2 }, ["2/3", "30", "30"]],
  ])("gives step, setWeight and actualWeight %s", (_case, spec, status, expected) => {
    expect(weights(spec, status)).toEqual(expected);
  });
});
