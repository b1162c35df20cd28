// The same scripted scenarios against the demo cluster and against the real controllers: each step's
// settled state (phase, step, weights, waiting, aborted) must agree. Between the milestones, every
// distinct state each side went through is printed; differences that remain are listed in
// e2e/cluster/README.md ("Demo and real cluster").
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "@rollscope/api/observability/logger";
import { createServices } from "@rollscope/api/runtime/create-services";
import { createCaller } from "@rollscope/api/trpc/root-router";
import { DemoClusterSource, type RawObject } from "@rollscope/demo-cluster";
import type { Delivery } from "@rollscope/shared";
import { tokenActorNamed } from "@rollscope/shared/identity/actor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argoRollout } from "./argo-objects";
import { apply, rollscope, waitFor } from "./cluster";
import { canary, loadtester, namespace, podinfo, podinfoImage } from "./flagger-objects";

type Caller = ReturnType<typeof createCaller>;
type Kind = "Rollout" | "Canary";

interface Side {
  label: string;
  caller: Caller;
  cluster: string;
  create(objects: unknown[]): void;
  stop(): Promise<void>;
}

async function demoSide(): Promise<Side> {
  // Ten times real time: timed pauses and Flagger's 10 s intervals pass quickly.
  const source = new DemoClusterSource({ speed: 10, prometheus: false, newReleases: false });
  const running = await createServices([source], {
    dataDir: mkdtempSync(join(tmpdir(), "rollscope-parity-")),
    readOnly: false,
    log: silentLogger(),
  });
  await running.start();
  return {
    label: "demo",
    caller: createCaller({
      services: running.services,
      actor: tokenActorNamed("parity"),
      identity: "parity",
    }),
    cluster: source.name,
    create: (objects) => {
      for (const o of objects) source.api.create(o as RawObject);
    },
    stop: () => running.stop(),
  };
}

async function realSide(): Promise<Side> {
  const api = await rollscope();
  return {
    label: "real",
    caller: api.caller,
    cluster: api.name,
    create: (objects) => apply(...objects),
    stop: () => api.running.stop(),
  };
}

/** What a person sees of a delivery at a milestone. */
function milestone(d: Delivery) {
  return {
    phase: d.rawPhase,
    step: d.step ? `${d.step.index}/${d.step.total}` : "-",
    setWeight: d.setWeight,
    actualWeight: d.actualWeight,
    waitingForPerson: d.waitingForPerson,
    aborted: d.aborted,
  };
}
type Milestone = ReturnType<typeof milestone>;

type Target = { cluster: string; kind: Kind; namespace: string; name: string };

interface Step {
  label: string;
  run(side: Side, target: Target): Promise<unknown>;
  until(d: Delivery): boolean;
}

/** Runs the steps on one side, sampling every state in between; returns milestones and the trace. */
async function play(side: Side, kind: Kind, ns: string, name: string, objects: unknown[], steps: Step[]) {
  const target = { cluster: side.cluster, kind, namespace: ns, name };
  const get = () => side.caller.deliveries.get(target).then((x) => x.delivery);
  const trace: string[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        const state = JSON.stringify(milestone(await get()));
        if (trace.at(-1) !== state) trace.push(state);
      } catch {
        // not created yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const milestones: Array<{ after: string } & Milestone> = [];
  try {
    side.create(objects);
    for (const step of steps) {
      await step.run(side, target);
      const d = await waitFor(`${side.label}: ${step.label}`, get, step.until, 150_000);
      milestones.push({ after: step.label, ...milestone(d) });
    }
    const last = JSON.stringify(milestones.at(-1) && milestone(await get()));
    if (trace.at(-1) !== last) trace.push(last);
  } finally {
    sampling = false;
    await sampler;
  }
  return { milestones, trace };
}

const parityRollout = (ns: string) =>
  argoRollout({
    namespace: ns,
    name: "web",
    image: "argoproj/rollouts-demo:blue",
    replicas: 5,
    steps: [
      { setWeight: 20 },
      { pause: {} },
      { setWeight: 40 },
      { pause: { duration: "5s" } },
      { setWeight: 60 },
      { pause: {} },
    ],
  });

const nothing = async () => undefined;
const image = (container: string, value: string) => (side: Side, target: Target) =>
  side.caller.actions.setImage({ target, container, image: value });
const act = (action: "promote" | "promoteFull" | "abort" | "retry") => async (side: Side, target: Target) => {
  const { delivery } = await side.caller.deliveries.get(target);
  return side.caller.actions[action]({ target, observed: delivery.observed });
};

const argoSteps: Step[] = [
  { label: "created", run: nothing, until: (d) => d.rawPhase === "Healthy" },
  {
    label: "set image",
    run: image("web", "argoproj/rollouts-demo:yellow"),
    until: (d) => d.rawPhase === "Paused" && d.step?.index === 1,
  },
  { label: "promote", run: act("promote"), until: (d) => d.rawPhase === "Paused" && d.step?.index === 5 },
  { label: "promote full", run: act("promoteFull"), until: (d) => d.rawPhase === "Healthy" },
  {
    label: "set image again",
    run: image("web", "argoproj/rollouts-demo:green"),
    until: (d) => d.rawPhase === "Paused" && d.step?.index === 1,
  },
  {
    label: "abort",
    run: act("abort"),
    // Degraded is written before the controller has scaled the canary down; settled is weight 0 too.
    until: (d) => d.rawPhase === "Degraded" && d.actualWeight === 0,
  },
  { label: "retry", run: act("retry"), until: (d) => d.rawPhase === "Paused" && !d.aborted },
];

const flaggerSteps: Step[] = [
  { label: "created", run: nothing, until: (d) => d.rawPhase === "Initialized" },
  {
    label: "set image",
    run: image("podinfod", podinfoImage("6.0.1")),
    until: (d) => d.rawPhase === "WaitingPromotion",
  },
  { label: "promote", run: act("promote"), until: (d) => d.rawPhase === "Succeeded" },
  {
    label: "bad image",
    run: image("podinfod", podinfoImage("6.0.3-bad")),
    until: (d) => d.rawPhase === "Progressing",
  },
  { label: "rolled back", run: nothing, until: (d) => d.rawPhase === "Failed" },
];

describe("demo and real cluster play the same scenario alike", () => {
  let demo: Side;
  let real: Side;
  beforeAll(async () => {
    [demo, real] = await Promise.all([demoSide(), realSide()]);
  });
  afterAll(async () => {
    await Promise.all([demo?.stop(), real?.stop()]);
  });

  async function compare(kind: Kind, ns: string, name: string, objects: unknown[], steps: Step[]) {
    const [d, r] = await Promise.all([
      play(demo, kind, ns, name, objects, steps),
      play(real, kind, ns, name, objects, steps),
    ]);
    console.log(
      `${kind} states seen\n  demo: ${d.trace.join("\n        ")}\n  real: ${r.trace.join("\n        ")}`,
    );
    expect(d.milestones).toEqual(r.milestones);
  }

  it("Argo canary: set image, promote, timed pause, promote full, abort, retry", async () => {
    const ns = "parity-argo";
    await compare("Rollout", ns, "web", [namespace(ns), parityRollout(ns)], argoSteps);
  });

  it("Flagger canary: initialise, analysis to the gate, promote, bad image rolled back", async () => {
    const ns = "parity-flagger";
    const objects = [
      namespace(ns),
      ...loadtester(ns),
      podinfo(ns, "6.0.0"),
      canary(ns, [{ name: "approve", type: "confirm-promotion", path: "/gate/check" }]),
    ];
    await compare("Canary", ns, "podinfo", objects, flaggerSteps);
  });
});
