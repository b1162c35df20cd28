// The Delivery built from every captured Rollout must show what `kubectl argo rollouts get rollout`
// shows for it (upstream get_test.go / info_test.go expectations for these same objects).
import { describe, expect, it } from "vitest";
import type { Delivery } from "../delivery/delivery";
import { loadFixtureFolder, sharedFixturesDir } from "../testing/fixtures";
import { parseCluster } from "../testing/parse-cluster";
import { rolloutDelivery } from "./rollout-delivery";

interface Expected {
  phase: string;
  message: string;
  step?: string;
  setWeight?: number;
  actualWeight?: number;
  images: Array<[string, string[]]>;
  revisions: Array<[number, string, string[], string]>;
  replicas: [number, number, number, number, number];
}

const timedOut = (rs: string) => `ProgressDeadlineExceeded: ReplicaSet "${rs}" has timed out progressing.`;
const canaryRevisions: Expected["revisions"] = [
  [31, "canary-demo-65fb5ffc84", ["canary"], "Progressing"],
  [30, "canary-demo-877894d5b", ["stable"], "Healthy"],
  [29, "canary-demo-859c99b45c", [], "ScaledDown"],
];
const canaryImages: Expected["images"] = [
  ["argoproj/rollouts-demo:does-not-exist", ["canary"]],
  ["argoproj/rollouts-demo:green", ["stable"]],
];
const canaryBase = {
  phase: "Degraded",
  message: timedOut("canary-demo-65fb5ffc84"),
  step: "0/8",
  setWeight: 20,
  actualWeight: 0,
  images: canaryImages,
  revisions: canaryRevisions,
  replicas: [5, 6, 1, 5, 5],
} satisfies Expected;

const cases: Array<[folder: string, name: string, expected: Expected]> = [
  ["canary", "canary-demo", canaryBase],
  ["canary", "canary-demo-workloadRef", canaryBase],
  ["canary", "canary-demo-workloadRef-deploy", canaryBase],
  [
    "canary",
    "canary-demo-pingpong",
    {
      ...canaryBase,
      images: [
        ["argoproj/rollouts-demo:does-not-exist", ["canary", "ping"]],
        ["argoproj/rollouts-demo:green", ["stable", "pong"]],
      ],
      revisions: [
        [31, "canary-demo-65fb5ffc84", ["canary", "ping"], "Progressing"],
        [30, "canary-demo-877894d5b", ["stable", "pong"], "Healthy"],
        [29, "canary-demo-859c99b45c", [], "ScaledDown"],
      ],
    },
  ],
  // Traffic-routed: the weight the router reports, else the set weight.
  ["canary", "canary-demo-weights", { ...canaryBase, actualWeight: 20 }],
  ["canary", "canary-demo-weights-na", { ...canaryBase, actualWeight: 20 }],
  [
    "blue-green",
    "bluegreen-demo",
    {
      phase: "Paused",
      message: "BlueGreenPause",
      images: [
        ["argoproj/rollouts-demo:blue", ["stable", "active"]],
        ["argoproj/rollouts-demo:green", ["preview"]],
      ],
      revisions: [
        [11, "bluegreen-demo-74b948fccb", ["preview"], "Healthy"],
        [10, "bluegreen-demo-6cbccd9f99", ["stable", "active"], "Healthy"],
        [8, "bluegreen-demo-746d5fddf6", [], "ScaledDown"],
      ],
      replicas: [3, 6, 3, 6, 3],
    },
  ],
  [
    "experiment-step",
    "canary-demo",
    {
      phase: "Progressing",
      message: "more replicas need to be updated",
      step: "0/1",
      setWeight: 0,
      actualWeight: 0,
      images: [
        ["argoproj/rollouts-demo:blue", ["Σ:canary-preview"]],
        ["argoproj/rollouts-demo:green", ["stable"]],
      ],
      revisions: [
        [2, "canary-demo-645d5dbc4c", ["canary"], "ScaledDown"],
        [1, "canary-demo-877894d5b", ["stable"], "Healthy"],
      ],
      replicas: [5, 5, 0, 5, 5],
    },
  ],
  [
    "experiment-analysis",
    "rollout-experiment-analysis",
    {
      phase: "Degraded",
      message: timedOut("rollout-experiment-analysis-6f646bf7b7"),
      step: "1/2",
      setWeight: 25,
      actualWeight: 25,
      images: [
        ["argoproj/rollouts-demo:blue", ["stable"]],
        ["argoproj/rollouts-demo:yellow", ["canary"]],
      ],
      revisions: [
        [2, "rollout-experiment-analysis-6f646bf7b7", ["canary"], "Healthy"],
        [1, "rollout-experiment-analysis-f6db98dff", ["stable"], "Healthy"],
      ],
      replicas: [4, 4, 1, 4, 4],
    },
  ],
  [
    "rollout-aborted",
    "rollout-background-analysis",
    {
      phase: "Degraded",
      message: 'RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)',
      step: "0/2",
      setWeight: 0,
      actualWeight: 0,
      images: [["argoproj/rollouts-demo:blue", ["stable"]]],
      revisions: [
        [2, "rollout-background-analysis-db976bc44", ["canary"], "ScaledDown"],
        [1, "rollout-background-analysis-7d84d44bb8", ["stable"], "Healthy"],
      ],
      replicas: [1, 1, 0, 1, 1],
    },
  ],
  [
    "rollout-invalid",
    "rollout-invalid",
    {
      phase: "Degraded",
      message:
        'InvalidSpec: The Rollout "rollout-invalid" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"doesnt-match"}: `selector` does not match template `labels`',
      setWeight: 100,
      actualWeight: 100,
      images: [],
      revisions: [],
      replicas: [1, 0, 0, 0, 0],
    },
  ],
];

function deliveryFor(folder: string, name: string): Delivery {
  const objects = parseCluster(loadFixtureFolder(`argo-rollouts/clusters/${folder}`));
  const rollout = objects.Rollout.find((r) => r.metadata.name === name);
  if (!rollout) throw new Error(`no rollout ${name} in ${folder}`);
  return rolloutDelivery({
    cluster: "captured",
    rollout,
    replicaSets: objects.ReplicaSet,
    pods: objects.Pod,
    analysisRuns: objects.AnalysisRun,
    experiments: objects.Experiment,
  });
}

describe.skipIf(!sharedFixturesDir)("Argo Rollouts captured objects look as the plugin shows them", () => {
  it.each(cases)("%s/%s", (folder, name, expected) => {
    const d = deliveryFor(folder, name);
    expect(d.rawPhase).toBe(expected.phase);
    expect(d.message).toBe(expected.message);
    expect(d.step ? `${d.step.index}/${d.step.total}` : undefined).toBe(expected.step);
    if (expected.setWeight !== undefined) expect(d.setWeight).toBe(expected.setWeight);
    if (expected.actualWeight !== undefined) expect(d.actualWeight).toBe(expected.actualWeight);
    expect(d.images.map((i) => [i.image, i.tags])).toEqual(expected.images);
    expect(d.revisions.map((r) => [r.revision, r.name, r.roles, r.status])).toEqual(expected.revisions);
    const { desired, current, updated, ready, available } = d.replicas;
    expect([desired, current, updated, ready, available]).toEqual(expected.replicas);
  });

  it("lists the canary's pods with kubectl's status words", () => {
    const d = deliveryFor("canary", "canary-demo");
    const canary = d.revisions.find((r) => r.roles.includes("canary"));
    expect(canary?.pods.map((p) => [p.name, p.status, p.ready])).toEqual([
      ["canary-demo-65fb5ffc84-9wf5r", "ImagePullBackOff", false],
    ]);
    const stable = d.revisions.find((r) => r.roles.includes("stable"));
    expect(stable?.pods).toHaveLength(5);
    expect(stable?.pods.every((p) => p.status === "Running" && p.ready)).toBe(true);
  });

  it("summarises analysis runs with their counts and roles", () => {
    const aborted = deliveryFor("rollout-aborted", "rollout-background-analysis");
    expect(aborted.analysisRuns).toEqual([
      expect.objectContaining({
        name: "rollout-background-analysis-db976bc44-2",
        role: "background",
        phase: "Failed",
        revision: 2,
        counts: { successful: 0, failed: 1, inconclusive: 0, error: 0 },
      }),
    ]);
    const experiment = deliveryFor("experiment-analysis", "rollout-experiment-analysis");
    expect(experiment.analysisRuns.map((r) => [r.name, r.role, r.phase, r.counts])).toEqual([
      [
        "rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr",
        "background",
        "Inconclusive",
        { successful: 4, failed: 4, inconclusive: 1, error: 1 },
      ],
    ]);
  });

  it("marks the paused blue-green rollout as waiting for a person", () => {
    const d = deliveryFor("blue-green", "bluegreen-demo");
    expect(d.phase).toBe("paused");
    expect(d.waitingForPerson).toBe(true);
    expect(d.timeline.map((t) => [t.type, t.state])).toEqual([
      ["pause", "current"],
      ["promotion", "pending"],
    ]);
  });

  it("builds the canary step timeline", () => {
    const d = deliveryFor("canary", "canary-demo");
    expect(d.timeline.map((t) => `${t.type}:${t.state}`)).toEqual([
      "setWeight:current",
      "pause:pending",
      "setWeight:pending",
      "pause:pending",
      "setWeight:pending",
      "pause:pending",
      "setWeight:pending",
      "pause:pending",
    ]);
    expect(d.timeline[3]).toMatchObject({ type: "pause", durationSeconds: 10 });
    expect(d.timeline[1]).not.toHaveProperty("durationSeconds");
  });
});
