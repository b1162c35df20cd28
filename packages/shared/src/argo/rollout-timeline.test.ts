// Experiment steps show the Experiment's own phase: the one the status names while the step runs,
// and for finished steps the one the controller created for that step (`<rollout>-<hash>-<rev>-<i>`).
import { describe, expect, it } from "vitest";
import { type Experiment, experimentSchema } from "../schemas/argo/experiment";
import { canaryRollout } from "../testing/builders";
import { loadFixtureFolder, sharedFixturesDir } from "../testing/fixtures";
import { parseCluster } from "../testing/parse-cluster";
import { rolloutDelivery } from "./rollout-delivery";
import { rolloutTimeline } from "./rollout-timeline";

const steps = [
  { setWeight: 20 },
  {
    experiment: {
      duration: "5m",
      templates: [{ name: "canary-preview", specRef: "canary" }],
      analyses: [{ name: "stress", templateName: "stress-test" }],
    },
  },
  { setWeight: 60 },
  { experiment: { templates: [{ name: "baseline", specRef: "stable" }] } },
];

function experiment(
  name: string,
  phase: string,
  extra: { hash?: string; message?: string } = {},
): Experiment {
  return experimentSchema.parse({
    kind: "Experiment",
    metadata: {
      name,
      namespace: "rollouts-demo",
      creationTimestamp: "2026-11-20T10:00:00Z",
      labels: { "rollouts-pod-template-hash": extra.hash ?? "7d9c5b8f6" },
      annotations: { "rollout.argoproj.io/revision": "2" },
    },
    spec: { templates: [{ name: "canary-preview" }] },
    status: { phase, ...(extra.message ? { message: extra.message } : {}) },
  });
}

const experimentItems = (rollout: ReturnType<typeof canaryRollout>, experiments: Experiment[]) =>
  rolloutTimeline(rollout, { analysisRuns: [], experiments }).filter((item) => item.type === "experiment");

describe("experiment steps in the Rollout timeline", () => {
  it("shows the phase of the Experiment the status names for the current step", () => {
    const rollout = canaryRollout({
      spec: { strategy: { canary: { steps } } },
      status: { currentStepIndex: 1, canary: { currentExperiment: "myapp-7d9c5b8f6-2-1" } },
    });
    const [current] = experimentItems(rollout, [experiment("myapp-7d9c5b8f6-2-1", "Pending")]);
    expect(current).toMatchObject({
      state: "current",
      durationSeconds: 300,
      templates: ["canary-preview"],
      analyses: ["stress"],
      run: { name: "myapp-7d9c5b8f6-2-1", phase: "Pending" },
    });
  });

  it("says Pending while the named Experiment is not yet seen", () => {
    const rollout = canaryRollout({
      spec: { strategy: { canary: { steps } } },
      status: { currentStepIndex: 1, canary: { currentExperiment: "myapp-7d9c5b8f6-2-1" } },
    });
    expect(experimentItems(rollout, [])[0]?.run).toEqual({ name: "myapp-7d9c5b8f6-2-1", phase: "Pending" });
  });

  it("keeps the outcome of a finished experiment step, and ignores other revisions' experiments", () => {
    const rollout = canaryRollout({
      spec: { strategy: { canary: { steps } } },
      status: { currentStepIndex: 3, canary: { currentExperiment: "myapp-7d9c5b8f6-2-3" } },
    });
    const [done, current] = experimentItems(rollout, [
      experiment("myapp-7d9c5b8f6-2-1", "Successful", { message: "Experiment completed" }),
      experiment("myapp-55bdff45cb-1-1", "Failed", { hash: "55bdff45cb" }),
      experiment("myapp-7d9c5b8f6-2-3", "Inconclusive", { message: "Metric assessed Inconclusive" }),
    ]);
    expect(done).toMatchObject({
      state: "done",
      run: { name: "myapp-7d9c5b8f6-2-1", phase: "Successful", message: "Experiment completed" },
    });
    expect(current?.run).toEqual({
      name: "myapp-7d9c5b8f6-2-3",
      phase: "Inconclusive",
      message: "Metric assessed Inconclusive",
    });
  });

  it("takes the newest Experiment of a step the controller had to recreate under a suffixed name", () => {
    const rollout = canaryRollout({
      spec: { strategy: { canary: { steps } } },
      status: { currentStepIndex: 2 },
    });
    const older = experiment("myapp-7d9c5b8f6-2-1", "Failed");
    const newer = experimentSchema.parse({
      ...experiment("myapp-7d9c5b8f6-2-1-1", "Successful"),
      metadata: {
        ...older.metadata,
        name: "myapp-7d9c5b8f6-2-1-1",
        creationTimestamp: "2026-11-20T11:00:00Z",
      },
    });
    const [done, pending] = experimentItems(rollout, [older, newer]);
    expect(done?.run).toEqual({ name: "myapp-7d9c5b8f6-2-1-1", phase: "Successful" });
    expect(pending).toMatchObject({ state: "pending" });
    expect(pending).not.toHaveProperty("run");
  });
});

describe.skipIf(!sharedFixturesDir)("captured experiment steps (needs ../shared/fixtures)", () => {
  it.each([
    ["experiment-step", "canary-demo", 0, "canary-demo-645d5dbc4c-2-0"],
    [
      "experiment-analysis",
      "rollout-experiment-analysis",
      1,
      "rollout-experiment-analysis-6f646bf7b7-1-vcv27",
    ],
  ])("%s: the running Experiment is shown as Running", (folder, name, index, experimentName) => {
    const objects = parseCluster(loadFixtureFolder(`argo-rollouts/clusters/${folder}`));
    const rollout = objects.Rollout.find((r) => r.metadata.name === name);
    if (!rollout) throw new Error(`no rollout ${name} in ${folder}`);
    const d = rolloutDelivery({ cluster: "captured", rollout, experiments: objects.Experiment });
    expect(d.timeline[index]).toMatchObject({
      type: "experiment",
      state: "current",
      run: { name: experimentName, phase: "Running" },
    });
  });
});
