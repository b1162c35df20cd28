// The rules of the kubectl-argo-rollouts plugin's info package (v1.10.1) that a Delivery follows for
// a Rollout's analysis runs and experiments, one describe per rule, on objects shaped as an API
// server returns them. Every expected value is what e2e/oracle (the plugin's own code) prints for
// them.
import { describe, expect, it } from "vitest";
import { toSummary } from "../delivery/summary";
import {
  analysisRun,
  canarySteps,
  created,
  deliveryOf,
  experiment,
  experimentOwner,
  oneOfThreeUpdated,
  replicaSet,
  rollout,
  stableAndCanary,
} from "./plugin-rules.fixture";

describe("analysis runs (info.getAnalysisRunInfo)", () => {
  const d = deliveryOf([
    rollout({ strategy: { canary: canarySteps } }, { ...oneOfThreeUpdated, currentStepIndex: 1 }),
    ...stableAndCanary(),
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
