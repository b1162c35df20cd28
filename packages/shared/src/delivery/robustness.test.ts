// Hundreds of mangled objects (missing fields, wrong types, odd values) go through parse, derive and
// every action plan without a thrown exception: either a typed parse error or a Delivery comes out.
import { describe, expect, it } from "vitest";
import { planAbort } from "../actions/argo/abort";
import { planPromote } from "../actions/argo/promote";
import { planPromoteFull } from "../actions/argo/promote-full";
import { planRestart } from "../actions/argo/restart";
import { planRetry } from "../actions/argo/retry";
import { planRolloutSetImage } from "../actions/argo/set-image";
import { planUndo } from "../actions/argo/undo";
import { planCanaryAbort } from "../actions/flagger/abort";
import { planCanaryPromote } from "../actions/flagger/promote";
import { planCanaryRetry } from "../actions/flagger/retry";
import { planCanarySetImage } from "../actions/flagger/set-image";
import { rolloutDelivery } from "../argo/rollout-delivery";
import { canaryDelivery } from "../flagger/canary-delivery";
import { canaryChecksum } from "../flagger/webhook-checksum";
import { parseObject } from "../schemas/parse";
import { blueGreenRollout, canaryRollout, deployment, flaggerCanary, replicaSet } from "../testing/builders";
import { loadFixtureFolder, sharedFixturesDir } from "../testing/fixtures";
import { mangle, seededRandom } from "../testing/mangle";
import { parseCluster } from "../testing/parse-cluster";

const rolloutSeeds: unknown[] = [
  canaryRollout(),
  blueGreenRollout(),
  canaryRollout({ status: { abort: true, currentStepIndex: 3 } }),
  ...(sharedFixturesDir
    ? [
        "canary",
        "blue-green",
        "experiment-step",
        "experiment-analysis",
        "rollout-aborted",
        "rollout-invalid",
      ].flatMap((dir) => parseCluster(loadFixtureFolder(`argo-rollouts/clusters/${dir}`)).Rollout)
    : []),
];
const canarySeeds: unknown[] = [
  flaggerCanary(),
  flaggerCanary({
    status: { phase: "WaitingPromotion" },
    spec: {
      analysis: { webhooks: [{ name: "g", type: "confirm-promotion", url: "http://lt.test/gate/check" }] },
    },
  }),
  flaggerCanary({
    spec: { analysis: { stepWeight: null, iterations: 10, match: [{ headers: {} }] } },
    status: { iterations: 3 },
  }),
];

const now = new Date("2026-11-22T10:00:00Z");

function exerciseRollout(raw: unknown): "parsed" | "rejected" {
  const parsed = parseObject("Rollout", raw);
  if (!parsed.ok) {
    expect(parsed.error.message).toMatch(/^Rollout .* is malformed: /);
    return "rejected";
  }
  const ro = parsed.value;
  const sets = [replicaSet(canaryRollout(), "aaa", 1, "a:1")];
  const d = rolloutDelivery({
    cluster: "fuzz",
    rollout: ro,
    replicaSets: sets,
    pods: [],
    analysisRuns: [],
    experiments: [],
  });
  expect(typeof d.phase).toBe("string");
  expect(Number.isFinite(d.setWeight)).toBe(true);
  JSON.stringify(d);
  for (const result of [
    planPromote(ro),
    planPromoteFull(ro),
    planAbort(ro),
    planRetry(ro),
    planRestart(ro, now),
    planRolloutSetImage(ro, { container: "myapp", image: "nginx:1.27" }),
    planUndo(ro, sets, 0),
  ]) {
    expect(typeof result.ok).toBe("boolean");
  }
  return "parsed";
}

function exerciseCanary(raw: unknown): "parsed" | "rejected" {
  const parsed = parseObject("Canary", raw);
  if (!parsed.ok) return "rejected";
  const canary = parsed.value;
  const d = canaryDelivery({ cluster: "fuzz", canary, deployments: [deployment("podinfo", "test", "a:1")] });
  JSON.stringify(d);
  const sum = canaryChecksum(canary);
  for (const result of [
    planCanaryPromote(canary, sum),
    planCanaryAbort(canary, sum),
    planCanaryRetry(canary, now),
    planCanarySetImage(canary, { container: "podinfod", image: "a:2" }, deployment("podinfo", "test", "a:1")),
  ]) {
    expect(typeof result.ok).toBe("boolean");
  }
  return "parsed";
}

describe("mangled objects never throw", () => {
  it("Rollouts: 600 mangled variants", () => {
    const rand = seededRandom(42);
    const outcomes = { parsed: 0, rejected: 0 };
    for (let i = 0; i < 600; i++) {
      const seed = rolloutSeeds[i % rolloutSeeds.length];
      outcomes[exerciseRollout(mangle(seed, rand, 1 + Math.floor(rand() * 4)))]++;
    }
    // Both paths must be exercised for the test to mean anything.
    expect(outcomes.parsed).toBeGreaterThan(30);
    expect(outcomes.rejected).toBeGreaterThan(50);
  });

  it("Canaries: 400 mangled variants", () => {
    const rand = seededRandom(7);
    const outcomes = { parsed: 0, rejected: 0 };
    for (let i = 0; i < 400; i++) {
      const seed = canarySeeds[i % canarySeeds.length];
      outcomes[exerciseCanary(mangle(seed, rand, 1 + Math.floor(rand() * 4)))]++;
    }
    expect(outcomes.parsed).toBeGreaterThan(30);
    expect(outcomes.rejected).toBeGreaterThan(50);
  });
});
