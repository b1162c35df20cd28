// Flagger canaries in every phase, plus the seed canaries from the walkthroughs.
import { describe, expect, it } from "vitest";
import type { Canary } from "../schemas/flagger/canary";
import { parseObject } from "../schemas/parse";
import { deployment, flaggerCanary } from "../testing/builders";
import { loadFixture, sharedFixturesDir } from "../testing/fixtures";
import {
  analysisIntervalSeconds,
  analysisMaxWeight,
  analysisThreshold,
  canaryStrategy,
  weightSchedule,
} from "./canary-analysis";
import { canaryDelivery } from "./canary-delivery";

const withPhase = (phase: string, extra: object = {}) => flaggerCanary({ status: { phase, ...extra } });
const deliveryOf = (canary: Canary) =>
  canaryDelivery({
    cluster: "c",
    canary,
    deployments: [
      deployment("podinfo", "test", "ghcr.io/stefanprodan/podinfo:6.0.1"),
      deployment("podinfo-primary", "test", "ghcr.io/stefanprodan/podinfo:6.0.0"),
    ],
  });

describe("schedule", () => {
  const analysis = (a: object) =>
    flaggerCanary({ spec: { analysis: { stepWeight: null, maxWeight: null, ...a } } });
  it.each([
    [{ stepWeight: 5, maxWeight: 50 }, [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]],
    [{ stepWeight: 20, maxWeight: 60 }, [20, 40, 60]],
    // Flagger caps at 100, not at maxWeight.
    [{ stepWeight: 30, maxWeight: 50 }, [30, 60]],
    [{ stepWeights: [1, 10, 50] }, [1, 10, 50]],
    [{ stepWeight: 30 }, [30, 60, 90, 100]],
    [{ stepWeights: [10, 20, 150] }, [10, 20, 100]],
    // A schedule whose next step is 0 never advances past 5.
    [{ stepWeights: [5, 5, 30] }, [5]],
    [{ iterations: 10 }, []],
  ])("%j → %j", (spec, weights) => {
    expect(weightSchedule(analysis(spec))).toEqual(weights);
  });

  it("reads Flagger's defaults", () => {
    const bare = flaggerCanary({ spec: { analysis: { interval: null, threshold: null, maxWeight: null } } });
    expect(analysisIntervalSeconds(bare)).toBe(60);
    expect(analysisThreshold(bare)).toBe(1);
    expect(analysisMaxWeight(bare)).toBe(100);
    expect(analysisIntervalSeconds(flaggerCanary({ spec: { analysis: { interval: "5s" } } }))).toBe(10);
  });

  it("tells the strategies apart", () => {
    expect(canaryStrategy(flaggerCanary())).toBe("canary");
    expect(canaryStrategy(analysis({ iterations: 10, match: [{ headers: { x: { exact: "1" } } }] }))).toBe(
      "abTesting",
    );
    expect(canaryStrategy(analysis({ iterations: 10 }))).toBe("blueGreen");
    expect(canaryStrategy(analysis({ iterations: 10, mirror: true }))).toBe("mirroring");
  });

  it("picks the strategy in the order of Flagger's scheduler: iterations win over step weights", () => {
    const steps = { stepWeight: 10, maxWeight: 50 };
    expect(canaryStrategy(analysis({ ...steps, iterations: 5 }))).toBe("blueGreen");
    expect(canaryStrategy(analysis({ stepWeights: [10, 50], iterations: 5 }))).toBe("blueGreen");
    const match = [{ headers: { x: { exact: "1" } } }];
    // match without iterations: Flagger steps the weight up (runCanary), it does not run A/B.
    expect(canaryStrategy(analysis({ ...steps, match }))).toBe("canary");
    expect(canaryStrategy(analysis({ ...steps, match, iterations: 5 }))).toBe("abTesting");
  });
});

describe("phases", () => {
  it.each([
    ["", "progressing", false],
    ["Initializing", "progressing", false],
    ["Initialized", "healthy", false],
    ["Waiting", "paused", true],
    ["Progressing", "progressing", false],
    ["WaitingPromotion", "paused", true],
    ["Promoting", "progressing", false],
    ["Finalising", "progressing", false],
    ["Succeeded", "healthy", false],
    ["Failed", "degraded", false],
    ["Terminating", "progressing", false],
    ["Terminated", "terminated", false],
  ])("%s → %s", (phase, unified, waiting) => {
    const d = deliveryOf(withPhase(phase, { conditions: null }));
    expect(d.rawPhase).toBe(phase);
    expect(d.phase).toBe(unified);
    expect(d.waitingForPerson).toBe(waiting);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.aborted).toBe(phase === "Failed");
  });

  it("uses the Promoted condition's message", () => {
    expect(deliveryOf(flaggerCanary()).message).toBe("New revision detected, progressing canary analysis.");
  });

  it("a suspended canary is paused with the reason", () => {
    const d = deliveryOf(flaggerCanary({ spec: { suspend: true } }));
    expect(d.phase).toBe("paused");
    expect(d.message).toMatch(/Suspended/);
  });
});

describe("a progressing weight canary", () => {
  const d = deliveryOf(flaggerCanary());
  it("shows the step, weights and images", () => {
    expect(d.step).toEqual({ index: 2, total: 10 });
    expect([d.setWeight, d.actualWeight, d.maxWeight]).toEqual([10, 10, 50]);
    expect(d.images).toEqual([
      { image: "ghcr.io/stefanprodan/podinfo:6.0.0", tags: ["primary"] },
      { image: "ghcr.io/stefanprodan/podinfo:6.0.1", tags: ["canary"] },
    ]);
    expect(d.revisions.map((r) => [r.name, r.roles])).toEqual([
      ["podinfo", ["canary"]],
      ["podinfo-primary", ["primary"]],
    ]);
  });

  it("marks traffic steps done, current and pending", () => {
    expect(
      d.timeline.map((t) => (t.type === "trafficStep" ? `${t.weight}:${t.state}` : `${t.type}:${t.state}`)),
    ).toEqual([
      "5:done",
      "10:current",
      "15:pending",
      "20:pending",
      "25:pending",
      "30:pending",
      "35:pending",
      "40:pending",
      "45:pending",
      "50:pending",
      "promotion:pending",
    ]);
  });

  it("holds the max weight at the confirm-promotion gate though status says 0", () => {
    const gated = deliveryOf(
      flaggerCanary({
        spec: {
          analysis: {
            webhooks: [
              {
                name: "approve",
                type: "confirm-promotion",
                url: "http://flagger-loadtester.test/gate/check",
              },
            ],
          },
        },
        status: { phase: "WaitingPromotion", canaryWeight: 0, iterations: -1 },
      }),
    );
    expect(gated.setWeight).toBe(50);
    expect(gated.step).toEqual({ index: 10, total: 10 });
    expect(gated.timeline.slice(-2).map((t) => `${t.type}:${t.state}`)).toEqual([
      "gate:current",
      "promotion:pending",
    ]);
  });

  it("is all done once Succeeded", () => {
    const done = deliveryOf(withPhase("Succeeded", { canaryWeight: 0 }));
    expect(done.timeline.every((t) => t.state === "done")).toBe(true);
  });
});

describe.skipIf(!sharedFixturesDir)("seed canaries", () => {
  const parse = (file: string) => {
    const r = parseObject("Canary", loadFixture(file));
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it("podinfo: 5% steps to 50%, at 10%", () => {
    const d = canaryDelivery({ cluster: "c", canary: parse("seeds/flagger-podinfo-canary.yaml") });
    expect(d.strategy).toBe("canary");
    expect(d.rawPhase).toBe("Progressing");
    expect(d.step).toEqual({ index: 2, total: 10 });
    expect(d.setWeight).toBe(10);
    expect(d.maxWeight).toBe(50);
  });

  it("frontend: A/B testing with 12 iterations, 4 done", () => {
    const d = canaryDelivery({ cluster: "c", canary: parse("seeds/flagger-frontend-ab-canary.yaml") });
    expect(d.strategy).toBe("abTesting");
    expect(d.iteration).toEqual({ n: 4, of: 12 });
    expect(d.step).toBeUndefined();
    const states = d.timeline.filter((t) => t.type === "iteration").map((t) => t.state);
    expect(states.filter((s) => s === "done")).toHaveLength(4);
    expect(states[4]).toBe("current");
  });
});
