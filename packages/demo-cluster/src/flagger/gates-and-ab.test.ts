import { describe, expect, it } from "vitest";
import type { RawObject } from "../demo-store";
import {
  cartCanary,
  cartDeployment,
  frontendCanary,
  frontendDeployment,
  istioMetricTemplates,
  loadtesterDeployment,
  podinfoCanary,
  podinfoDeployment,
} from "./scenario-objects";
import { createHarness, type Harness, initialise } from "./test-harness";

/** Initialises the canary, then sets its target's image: a release starts. */
async function release(h: Harness, namespace: string, name: string, image: string, interval: number) {
  await initialise(h, { namespace, name, interval });
  h.setImage(namespace, name, image);
}

/** test/podinfo with one more webhook, released to 6.0.1. */
async function podinfoReleasedWith(webhook: { name: string; type: string; url: string }) {
  const canary = podinfoCanary() as RawObject & { spec: { analysis: { webhooks: unknown[] } } };
  canary.spec.analysis.webhooks.push(webhook);
  const h = createHarness([podinfoDeployment(), canary]);
  await release(h, "test", "podinfo", "ghcr.io/stefanprodan/podinfo:6.0.1", 30);
  return h;
}

describe("A/B testing (prod/frontend)", () => {
  it("routes matching requests to the canary and counts 12 iterations before promoting", async () => {
    const h = createHarness([
      loadtesterDeployment("prod"),
      ...istioMetricTemplates(),
      frontendDeployment(),
      frontendCanary(),
    ]);
    await release(h, "prod", "frontend", "docker.io/weaveworksdemos/front-end:0.3.13", 10);
    const iterations: number[] = [];
    const phases: string[] = [];
    for (let i = 0; i < 16; i++) {
      await h.step(10);
      const s = h.canary("prod", "frontend").status;
      iterations.push(s?.iterations ?? -1);
      phases.push(s?.phase ?? "");
      expect(s?.canaryWeight).toBe(0);
      if (i === 5)
        expect(h.delivery("prod", "frontend")).toMatchObject({
          strategy: "abTesting",
          iteration: { n: 5, of: 12 },
        });
    }
    expect(iterations.slice(0, 14)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12]);
    expect(phases.slice(12)).toEqual(["Progressing", "Promoting", "Finalising", "Succeeded"]);
    expect(h.log.slice(0, 5)).toEqual([
      "Normal: New revision detected! Scaling up frontend.prod",
      "Normal: Starting canary analysis for frontend.prod",
      "Normal: Pre-rollout check conformance-test passed",
      "Normal: Advance frontend.prod canary iteration 1/12",
      "Normal: Advance frontend.prod canary iteration 2/12",
    ]);
    expect(h.log.slice(-3)).toEqual([
      "Normal: Copying frontend.prod template spec to frontend-primary.prod",
      "Normal: Routing all traffic to primary",
      "Normal: Promotion completed! Scaling down frontend.prod",
    ]);
    // The MetricTemplates were rendered for prod/frontend with the metric interval.
    const errorRate = h.metrics.queries.find((q) => q.startsWith("100 -"));
    expect(errorRate).toContain('destination_workload_namespace="prod", destination_workload="frontend"');
    expect(errorRate).toContain("[30s]");
  });

  it("writes the header/cookie match route first and a primary-only default route", async () => {
    const h = createHarness([...istioMetricTemplates(), frontendDeployment(), frontendCanary()]);
    await release(h, "prod", "frontend", "docker.io/weaveworksdemos/front-end:0.3.13", 10);
    await h.step(10);
    await h.step(10);
    const http = h.store.get({ kind: "VirtualService", namespace: "prod", name: "frontend" })?.spec
      ?.http as unknown[];
    expect(http).toEqual([
      {
        match: [
          { headers: { "user-agent": { regex: ".*Firefox.*" } } },
          { headers: { cookie: { regex: "^(.*?;)?(type=insider)(;.*)?$" } } },
        ],
        route: [
          { destination: { host: "frontend-primary" }, weight: 0 },
          { destination: { host: "frontend-canary" }, weight: 100 },
        ],
      },
      { route: [{ destination: { host: "frontend-primary" }, weight: 0 }] },
    ]);
  });
});

describe("gates", () => {
  it("holds shop/cart in WaitingPromotion until the loadtester gate opens", async () => {
    const h = createHarness([loadtesterDeployment("test"), cartDeployment(), cartCanary()]);
    await release(h, "shop", "cart", "docker.io/weaveworksdemos/carts:0.4.9", 15);
    for (let i = 0; i < 5; i++) await h.step(15);
    expect(h.log.slice(-2)).toEqual([
      "Normal: Advance cart.shop canary weight 60",
      "Warning: Halt cart.shop advancement waiting for promotion approval approve",
    ]);
    let status = h.canary("shop", "cart").status;
    // Flagger's quirks at the gate: weight reads 0 and iterations -1 while the mesh keeps 40/60.
    expect(status).toMatchObject({ phase: "WaitingPromotion", canaryWeight: 0, iterations: -1 });
    expect(h.weights("shop", "cart")).toEqual([40, 60]);
    expect(h.delivery("shop", "cart")).toMatchObject({
      rawPhase: "WaitingPromotion",
      waitingForPerson: true,
      setWeight: 60,
    });
    const before = h.log.length;
    await h.step(15);
    await h.step(15);
    expect(h.log.length).toBe(before);
    expect(h.canary("shop", "cart").status?.phase).toBe("WaitingPromotion");

    expect(h.sim.loadtester.handle("/gate/open", { name: "cart", namespace: "shop" })).toEqual({
      status: 202,
      body: "",
    });
    await h.step(15);
    expect(h.log.slice(-2)).toEqual([
      "Normal: Confirm-promotion check approve passed",
      "Normal: Copying cart.shop template spec to cart-primary.shop",
    ]);
    await h.step(15);
    await h.step(15);
    status = h.canary("shop", "cart").status;
    expect(status?.phase).toBe("Succeeded");
    expect(h.weights("shop", "cart")).toEqual([100, 0]);
  });

  it("waits at a confirm-rollout gate, repeating the halt every tick", async () => {
    const h = await podinfoReleasedWith({
      name: "go",
      type: "confirm-rollout",
      url: "http://flagger-loadtester.test/gate/check",
    });
    await h.step(30);
    await h.step(30);
    expect(h.log).toEqual([
      "Warning: Halt podinfo.test advancement waiting for approval go",
      "Warning: Halt podinfo.test advancement waiting for approval go",
    ]);
    expect(h.canary("test", "podinfo").status?.phase).toBe("Waiting");
    expect(h.deployment("test", "podinfo")?.spec?.replicas).toBe(0);
    h.sim.loadtester.handle("/gate/open", JSON.stringify({ name: "podinfo", namespace: "test" }));
    await h.step(30);
    expect(h.log.slice(-2)).toEqual([
      "Normal: Confirm-rollout check go passed",
      "Normal: New revision detected! Scaling up podinfo.test",
    ]);
    expect(h.canary("test", "podinfo").status?.phase).toBe("Progressing");
    expect(h.deployment("test", "podinfo")?.spec?.replicas).toBe(1);
  });

  it("rolls back when the rollback gate is opened", async () => {
    const h = await podinfoReleasedWith({
      name: "abort",
      type: "rollback",
      url: "http://flagger-loadtester.test/rollback/check",
    });
    await h.step(30);
    await h.step(30);
    expect(h.log.at(-1)).toBe("Normal: Advance podinfo.test canary weight 5");
    expect(h.log).toContain("Normal: Rollback hook abort not signaling a rollback");
    h.sim.loadtester.handle("/rollback/open", { name: "podinfo", namespace: "test" });
    await h.step(30);
    expect(h.log.slice(-3)).toEqual([
      "Warning: Rollback check abort passed",
      "Warning: Rolling back podinfo.test manual webhook invoked",
      "Warning: Canary failed! Scaling down podinfo.test",
    ]);
    expect(h.canary("test", "podinfo").status?.phase).toBe("Failed");
  });

  it("sends the webhook payload with name, namespace, phase and the release checksum", async () => {
    const payloads: unknown[] = [];
    const h = createHarness([podinfoDeployment(), podinfoCanary()], {
      callWebhook: (url, payload) => {
        payloads.push({ url, ...payload });
        return { status: 202, body: "" };
      },
    });
    await release(h, "test", "podinfo", "ghcr.io/stefanprodan/podinfo:6.0.1", 30);
    await h.step(30);
    await h.step(30);
    await h.step(30);
    expect(payloads[0]).toMatchObject({
      url: "http://flagger-loadtester.test/",
      name: "podinfo",
      namespace: "test",
      phase: "Progressing",
      checksum: expect.stringMatching(/^[bcdfghjklmnpqrstvwxz2456789]{9,10}$/),
      metadata: { cmd: "hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/" },
    });
  });
});
