// The rules of the kubectl-argo-rollouts plugin's info package (v1.10.1) that a Delivery follows, one
// describe per rule, on objects shaped as an API server returns them. Every expected value is what
// e2e/oracle (the plugin's own code) prints for the same objects.
import { describe, expect, it } from "vitest";
import type { Delivery } from "../delivery/delivery";
import { toSummary } from "../delivery/summary";
import { parseCluster } from "../testing/parse-cluster";
import { rolloutDelivery } from "./rollout-delivery";

type Raw = Record<string, unknown>;
const namespace = "shop";
const created = "2024-05-01T10:00:00Z";
const rolloutUid = "0a1b2c3d-0000-4000-8000-000000000001";
const rolloutOwner = [
  { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: "web", uid: rolloutUid, controller: true },
];
const experimentOwner = (name: string, uid: string) => [
  { apiVersion: "argoproj.io/v1alpha1", kind: "Experiment", name, uid, controller: true },
];

function rollout(spec: Raw, status: Raw): Raw {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name: "web", namespace, uid: rolloutUid, generation: 3, creationTimestamp: created },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "shop/web:2" }] },
      },
      ...spec,
    },
    status: { observedGeneration: "3", ...status },
  };
}

let uids = 100;
const nextUid = () => `0a1b2c3d-0000-4000-8000-${String(uids++).padStart(12, "0")}`;

interface ReplicaSetOptions {
  hash?: string;
  revision?: string;
  replicas?: number;
  available?: number;
  /** One container per entry; undefined: a container that names no image. */
  images?: Array<string | undefined>;
  owners?: Raw[];
  annotations?: Record<string, string>;
  conditions?: Raw[];
  generation?: number;
  observedGeneration?: number;
}

function replicaSet(name: string, o: ReplicaSetOptions): Raw {
  const labels: Record<string, string> = { app: "web" };
  if (o.hash !== undefined) labels["rollouts-pod-template-hash"] = o.hash;
  const annotations = { ...o.annotations };
  if (o.revision !== undefined) annotations["rollout.argoproj.io/revision"] = o.revision;
  const replicas = o.replicas ?? 1;
  const available = o.available ?? replicas;
  const containers = (o.images ?? ["shop/web:2"]).map((image, i) => ({
    name: `c${i}`,
    ...(image !== undefined ? { image } : {}),
  }));
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      namespace,
      uid: nextUid(),
      generation: o.generation ?? 1,
      creationTimestamp: created,
      labels,
      annotations,
      ownerReferences: o.owners ?? rolloutOwner,
    },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers } },
    },
    status: {
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: available,
      availableReplicas: available,
      observedGeneration: o.observedGeneration ?? o.generation ?? 1,
      ...(o.conditions ? { conditions: o.conditions } : {}),
    },
  };
}

function analysisRun(
  name: string,
  o: { revision?: string; created?: string; owners?: Raw[]; status?: Raw },
): Raw {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisRun",
    metadata: {
      name,
      namespace,
      uid: nextUid(),
      generation: 1,
      creationTimestamp: o.created ?? created,
      annotations: o.revision !== undefined ? { "rollout.argoproj.io/revision": o.revision } : {},
      labels: { "rollout-type": "Step", "rollouts-pod-template-hash": "bbb" },
      ownerReferences: o.owners ?? rolloutOwner,
    },
    spec: {
      metrics: [
        {
          name: "rate",
          provider: {
            job: {
              spec: {
                template: { spec: { containers: [{ name: "t", image: "busybox" }], restartPolicy: "Never" } },
              },
            },
          },
        },
      ],
    },
    ...(o.status ? { status: o.status } : {}),
  };
}

function experiment(name: string, uid: string, o: { revision: string; created?: string; status?: Raw }): Raw {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Experiment",
    metadata: {
      name,
      namespace,
      uid,
      generation: 1,
      creationTimestamp: o.created ?? created,
      annotations: { "rollout.argoproj.io/revision": o.revision },
      labels: { "rollouts-pod-template-hash": "bbb" },
      ownerReferences: rolloutOwner,
    },
    spec: {
      templates: [
        {
          name: "canary",
          replicas: 1,
          selector: { matchLabels: { app: "web" } },
          template: {
            metadata: { labels: { app: "web" } },
            spec: { containers: [{ name: "web", image: "shop/web:2" }] },
          },
        },
      ],
    },
    ...(o.status ? { status: o.status } : {}),
  };
}

function deliveryOf(objects: Raw[]): Delivery {
  const parsed = parseCluster(objects);
  const [ro] = parsed.Rollout;
  if (!ro) throw new Error("no Rollout among the objects");
  return rolloutDelivery({
    cluster: "test",
    rollout: ro,
    replicaSets: parsed.ReplicaSet,
    pods: parsed.Pod,
    analysisRuns: parsed.AnalysisRun,
    experiments: parsed.Experiment,
  });
}

/** The Delivery in the plugin's words: what `get rollout` prints for strategy, step and weights. */
function header(d: Delivery) {
  const strategy = d.strategy === "canary" ? "Canary" : d.strategy === "blueGreen" ? "BlueGreen" : "";
  const canary = strategy === "Canary";
  return {
    status: d.rawPhase,
    message: d.message,
    strategy,
    step: canary && d.step ? `${d.step.index}/${d.step.total}` : "",
    setWeight: canary ? String(d.setWeight) : "",
    actualWeight: canary ? String(d.actualWeight) : "",
  };
}

const replicaSetRows = (d: Delivery) =>
  d.revisions.map((r) => [r.name, r.revision ?? 0, r.status, r.roles, r.images]);
const imageRows = (d: Delivery) => d.images.map((i) => [i.image, i.tags]);

const canarySteps = {
  steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }, { pause: { duration: "1m" } }],
};

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
          currentStepIndex: 1,
          stableRS: "aaa",
          currentPodHash: "bbb",
          blueGreen: { activeSelector: "aaa", previewSelector: "bbb" },
          replicas: 3,
          updatedReplicas: 1,
          readyReplicas: 3,
          availableReplicas: 3,
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
    const status = {
      stableRS: "aaa",
      currentPodHash: "aaa",
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    };
    const d = deliveryOf([
      rollout({ strategy: { canary: {} } }, status),
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
      rollout(
        { strategy: { canary: {} } },
        {
          stableRS: "aaa",
          currentPodHash: "aaa",
          replicas: 2,
          updatedReplicas: 2,
          readyReplicas: 2,
          availableReplicas: 2,
        },
      ),
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
      rollout(
        { strategy: { canary: canarySteps } },
        {
          currentStepIndex: 0,
          stableRS: "aaa",
          currentPodHash: "bbb",
          replicas: 3,
          updatedReplicas: 1,
          readyReplicas: 3,
          availableReplicas: 3,
        },
      ),
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

describe("weights (info.NewRolloutInfo SetWeight / ActualWeight)", () => {
  const base = {
    stableRS: "aaa",
    currentPodHash: "bbb",
    replicas: 3,
    updatedReplicas: 1,
    readyReplicas: 3,
    availableReplicas: 3,
  };
  const steps = { steps: [{ pause: {} }, { setWeight: 30 }, { pause: {} }] };
  const pair = () => [
    replicaSet("web-aaa", { hash: "aaa", revision: "1", replicas: 2 }),
    replicaSet("web-bbb", { hash: "bbb", revision: "2", replicas: 1 }),
  ];
  const weights = (spec: Raw, status: Raw, replicaSets = pair()) => {
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

  it("handles abort, no steps, no index, past the last step and no available pods", () => {
    const canary = { strategy: { canary: steps } };
    expect(weights(canary, { ...base, abort: true, currentStepIndex: 3 })).toEqual(["3/3", "0", "100"]);
    expect(weights(canary, { ...base, abort: true, currentStepIndex: 1 })).toEqual(["1/3", "0", "33"]);
    expect(weights(canary, { ...base, currentStepIndex: 0 })).toEqual(["0/3", "0", "33"]);
    expect(weights({ strategy: { canary: {} } }, { ...base, currentStepIndex: 0 })).toEqual([
      "",
      "100",
      "100",
    ]);
    expect(weights({ strategy: { canary: { steps: [{ setWeight: 10 }, { pause: {} }] } } }, base)).toEqual([
      "",
      "10",
      "33",
    ]);
    expect(weights(canary, { ...base, currentStepIndex: 2, availableReplicas: 0 })).toEqual([
      "2/3",
      "30",
      "0",
    ]);
    const max1000 = {
      strategy: { canary: { ...steps, trafficRouting: { maxTrafficWeight: 1000, smi: {} } } },
    };
    expect(weights(max1000, { ...base, currentStepIndex: 3 })).toEqual(["3/3", "1000", "1000"]);
    expect(weights(max1000, { ...base, currentStepIndex: 2 })).toEqual(["2/3", "30", "30"]);
  });
});

describe("analysis runs (info.getAnalysisRunInfo)", () => {
  const d = deliveryOf([
    rollout(
      { strategy: { canary: canarySteps } },
      {
        currentStepIndex: 1,
        stableRS: "aaa",
        currentPodHash: "bbb",
        replicas: 3,
        updatedReplicas: 1,
        readyReplicas: 3,
        availableReplicas: 3,
      },
    ),
    replicaSet("web-aaa", { hash: "aaa", revision: "1", replicas: 2 }),
    replicaSet("web-bbb", { hash: "bbb", revision: "2", replicas: 1 }),
    analysisRun("web-bbb-2-new", { revision: "2", created: "2024-05-01T10:05:00Z" }),
    analysisRun("web-bbb-2-a", {
      revision: "2",
      created: "2024-05-01T10:01:00Z",
      status: {
        phase: "Running",
        startedAt: "2024-05-01T10:01:00Z",
        metricResults: [
          {
            name: "rate",
            phase: "Running",
            count: 3,
            successful: 1,
            failed: 1,
            error: 1,
            measurements: [
              {
                phase: "Successful",
                startedAt: created,
                metadata: { "job-name": "job-1", "job-namespace": "other" },
              },
              { phase: "Failed", startedAt: created, metadata: {} },
              { phase: "Error", startedAt: created, value: "x" },
              { phase: "Running", startedAt: created, metadata: { "job-name": "job-4" } },
            ],
          },
          // A second result of the same metric: the plugin reads the first one's measurements again.
          {
            name: "rate",
            phase: "Running",
            count: 1,
            inconclusive: 1,
            measurements: [
              { phase: "Inconclusive", startedAt: created, metadata: { "job-name": "job-dup" } },
            ],
          },
        ],
      },
    }),
    analysisRun("web-bbb-2-b", {
      revision: "2",
      created: "2024-05-01T10:01:00Z",
      status: { phase: "Pending" },
    }),
    analysisRun("web-aaa-1-0", {
      revision: "1",
      created: "2024-05-01T09:00:00Z",
      status: { phase: "Successful" },
    }),
    analysisRun("web-none", { created: "2024-05-01T08:00:00Z", status: { phase: "" } }),
  ]);

  it("lists them by revision, then oldest first, then name descending, with the phase as written", () => {
    expect(d.analysisRuns.map((r) => [r.name, r.revision ?? 0, r.phase])).toEqual([
      ["web-bbb-2-b", 2, "Pending"],
      ["web-bbb-2-a", 2, "Running"],
      ["web-bbb-2-new", 2, ""],
      ["web-aaa-1-0", 1, "Successful"],
      ["web-none", 0, ""],
    ]);
  });

  it("counts measurements over every result and lists the job of each job measurement", () => {
    const run = d.analysisRuns.find((r) => r.name === "web-bbb-2-a");
    expect(run?.counts).toEqual({ successful: 1, failed: 1, inconclusive: 1, error: 1 });
    const job1 = { name: "job-1", status: "Successful" };
    const job4 = { name: "job-4", status: "Running" };
    expect(run?.jobs).toEqual([job1, job4, job1, job4]);
    expect(d.analysisRuns.find((r) => r.name === "web-bbb-2-new")).not.toHaveProperty("jobs");
  });

  it("still gives the overview the run started last", () => {
    expect(toSummary(d).analysis?.name).toBe("web-bbb-2-new");
  });
});

describe("experiments (info.getExperimentInfo)", () => {
  const b = "0a1b2c3d-0000-4000-8000-0000000e0011";
  const d = deliveryOf([
    rollout(
      {
        strategy: {
          canary: { steps: [{ experiment: { templates: [{ name: "canary", specRef: "canary" }] } }] },
        },
      },
      {
        currentStepIndex: 0,
        stableRS: "aaa",
        currentPodHash: "bbb",
        replicas: 2,
        updatedReplicas: 0,
        readyReplicas: 2,
        availableReplicas: 2,
      },
    ),
    replicaSet("web-aaa", { hash: "aaa", revision: "1", replicas: 2 }),
    replicaSet("web-bbb", { hash: "bbb", revision: "2", replicas: 0 }),
    experiment("web-bbb-2-0", "0a1b2c3d-0000-4000-8000-0000000e0010", {
      revision: "2",
      created: "2024-05-01T10:02:00Z",
    }),
    experiment("web-bbb-2-0-b", b, {
      revision: "2",
      created: "2024-05-01T10:01:00Z",
      status: { phase: "Failed", message: 'Metric "rate" assessed Failed' },
    }),
    replicaSet("web-bbb-2-0-b-canary", {
      replicas: 0,
      revision: "2",
      annotations: {
        "experiment.argoproj.io/template-name": "canary",
        "scale-down-deadline": "2024-05-01T10:10:00Z",
      },
      owners: experimentOwner("web-bbb-2-0-b", b),
    }),
    analysisRun("web-bbb-2-0-b-rate", {
      owners: experimentOwner("web-bbb-2-0-b", b),
      status: {
        phase: "Failed",
        metricResults: [
          {
            name: "rate",
            phase: "Failed",
            failed: 1,
            measurements: [{ phase: "Failed", startedAt: created, metadata: { "job-name": "exp-job" } }],
          },
        ],
      },
    }),
  ]);

  it("shows each one's status and message as written, oldest first within a revision", () => {
    expect(d.experiments?.map((e) => [e.name, e.revision, e.status, e.message, e.analysisRuns])).toEqual([
      ["web-bbb-2-0-b", 2, "Failed", 'Metric "rate" assessed Failed', ["web-bbb-2-0-b-rate"]],
      ["web-bbb-2-0", 2, "", undefined, []],
    ]);
  });

  it("carries the Experiment's ReplicaSets with template and scale-down deadline, and its runs", () => {
    expect(d.experiments?.[0]?.replicaSets.map((r) => [r.name, r.revision, r.status, r.roles])).toEqual([
      ["web-bbb-2-0-b-canary", 2, "ScaledDown", []],
    ]);
    expect(d.experiments?.[0]?.replicaSets[0]).toMatchObject({
      experimentTemplate: "canary",
      scaleDownDeadline: "2024-05-01T10:10:00Z",
    });
    expect(d.revisions.map((r) => r.name)).toEqual(["web-bbb", "web-aaa"]);
    expect(d.analysisRuns.map((r) => [r.name, r.role, r.phase, r.counts.failed, r.jobs])).toEqual([
      ["web-bbb-2-0-b-rate", "experiment", "Failed", 1, [{ name: "exp-job", status: "Failed" }]],
    ]);
  });
});
