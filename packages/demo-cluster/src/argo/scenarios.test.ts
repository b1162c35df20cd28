// The demo scenarios end to end: seeded objects, the image churn, and a stand-in for the mesh where
// a `bad` canary answers a third of requests with errors, so analysis verdicts follow real numbers.
import { type KnownKind, parseObject } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import { DEMO_CHURN_TARGETS, ImageChurn, type ImageChurnOptions, seedArgoScenarios } from "./scenarios";
import { createHarness, type Harness } from "./test-harness";

/** Success rate of whatever the queried canary service runs: 0.66 for a `bad` image, else 1. */
function meshLike(h: Harness) {
  h.metrics.answer = (query) => {
    for (const [ns, name] of [
      ["shop", "checkout"],
      ["payments", "ledger"],
      ["rollouts-demo", "myapp"],
    ] as const) {
      if (!query.includes(`.${ns}.svc`)) continue;
      const ro = h.rollout(ns, name);
      const hash = ro.status?.currentPodHash;
      const rs = h.replicaSets(ns).find((r) => r.metadata.labels?.["rollouts-pod-template-hash"] === hash);
      const img = rs?.spec?.template?.spec?.containers?.[0]?.image ?? "";
      return { ok: true, values: [img.includes("bad") ? 0.66 : 1] };
    }
    return { ok: true, values: [] };
  };
}

/** The seeded scenarios, their metrics answered like the mesh, and an image churn over them. */
function churning(options: Omit<ImageChurnOptions, "store" | "clock">) {
  const h = createHarness();
  meshLike(h);
  seedArgoScenarios(h.store);
  return { h, churn: new ImageChurn({ store: h.store, clock: h.clock, ...options }) };
}

const phase = (h: Harness, ns: string, name: string) => h.rollout(ns, name).status?.phase;

describe("demo scenarios", () => {
  it("seeds the three rollouts with their templates and virtual services, idempotently", () => {
    const h = createHarness();
    seedArgoScenarios(h.store);
    seedArgoScenarios(h.store);
    const names = (kind: string) =>
      h.store
        .list(kind)
        .map((o) => `${o.metadata.namespace}/${o.metadata.name}`)
        .sort();
    expect(names("Rollout")).toEqual(["payments/ledger", "rollouts-demo/myapp", "shop/checkout"]);
    expect(names("AnalysisTemplate")).toEqual([
      "payments/ledger-smoke",
      "rollouts-demo/istio-success-rate",
      "shop/checkout-success-rate",
    ]);
    expect(names("VirtualService")).toEqual(["rollouts-demo/myapp-vsvc", "shop/checkout-vsvc"]);
  });

  it("comes alive: myapp pauses at 20%, the bad checkout aborts, ledger waits for promotion", async () => {
    const { h, churn } = churning({ targets: DEMO_CHURN_TARGETS, firstReleaseAfterMs: 10_000 });
    const tick = async () => {
      churn.tick();
      await h.step(1);
    };
    for (let t = 0; t < 240; t++) await tick();
    expect(h.rollout("rollouts-demo", "myapp").status).toMatchObject({
      phase: "Paused",
      currentStepIndex: 1,
    });
    expect(h.delivery("rollouts-demo", "myapp")).toMatchObject({ setWeight: 20, actualWeight: 20 });
    const checkout = h.rollout("shop", "checkout");
    expect(checkout.status?.phase).toBe("Degraded");
    expect(checkout.status?.message).toMatch(
      /^RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error\/failed: Metric "success-rate" assessed Failed due to failed \(2\) > failureLimit \(1\)$/,
    );
    expect(h.rollout("payments", "ledger").status).toMatchObject({
      phase: "Paused",
      message: "BlueGreenPause",
    });
    for (const raw of h.store.all()) {
      const result = parseObject(raw.kind as KnownKind, raw);
      expect(result.ok ? "ok" : result.error.message).toBe("ok");
    }
    for (const event of h.events()) {
      expect(event).toMatchObject({
        source: { component: "rollouts-controller" },
        involvedObject: { kind: expect.any(String) },
      });
      expect(event.firstTimestamp).toMatch(/^2026-01-05T\d\d:\d\d:\d\dZ$/);
    }
  });

  it("releases the next image on a settled (here: aborted) rollout after settledForMs", async () => {
    const { h, churn } = churning({
      targets: DEMO_CHURN_TARGETS.filter((t) => t.name === "checkout"),
      firstReleaseAfterMs: 5_000,
      settledForMs: 60_000,
    });
    const released: string[] = [];
    for (let t = 0; t < 400 && released.length < 2; t++) {
      released.push(...churn.tick());
      await h.step(1);
    }
    expect(released).toEqual(["shop/checkout", "shop/checkout"]);
    const image = h.rollout("shop", "checkout").spec.template?.spec?.containers?.[0]?.image;
    expect(image).toBe("argoproj/rollouts-demo:yellow");
    await h.until(() => phase(h, "shop", "checkout") === "Healthy", 600);
    expect(h.rollout("shop", "checkout").metadata.annotations?.["rollout.argoproj.io/revision"]).toBe("3");
  });
});
