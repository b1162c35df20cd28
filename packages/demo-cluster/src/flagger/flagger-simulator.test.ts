import { parseObject } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import {
  createHarness,
  type Harness,
  initialisedHarness,
  phaseAndWeight,
  podinfoObjects,
} from "./test-harness";

const setImage = (h: Harness, image: string) => h.setImage("test", "podinfo", image);
const initialised = () =>
  initialisedHarness(podinfoObjects(), { namespace: "test", name: "podinfo", interval: 30 });

describe("FlaggerSimulator: podinfo weighted canary", () => {
  it("initialises like Flagger: primary copy, target scaled to zero, VirtualService 100/0, status hashes", async () => {
    const h = createHarness(podinfoObjects());
    await h.sim.tick();
    expect(h.canary("test", "podinfo").status?.phase).toBe("Initializing");
    expect(h.log).toEqual([
      "Normal: all the metrics providers are available!",
      "Warning: podinfo-primary.test not ready: waiting for rollout to finish: observed deployment generation less than desired generation",
    ]);
    await h.step(30);
    const cd = h.canary("test", "podinfo");
    expect(cd.status?.phase).toBe("Initialized");
    expect(cd.status?.lastAppliedSpec).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{9,10}$/);
    expect(cd.status?.lastPromotedSpec).toBe(cd.status?.lastAppliedSpec);
    expect(cd.status?.trackedConfigs).toEqual({});
    expect(cd.status?.conditions).toEqual([
      expect.objectContaining({
        type: "Promoted",
        status: "True",
        reason: "Initialized",
        message: "Deployment initialization completed.",
      }),
    ]);
    expect(h.log.at(-1)).toBe("Normal: Initialization done! podinfo.test");

    const primary = h.deployment("test", "podinfo-primary");
    const target = h.deployment("test", "podinfo");
    expect(primary?.spec?.selector).toEqual({ matchLabels: { app: "podinfo-primary" } });
    expect(primary?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "Canary",
      name: "podinfo",
      controller: true,
    });
    const primaryTemplate = primary?.spec?.template as {
      metadata: { labels: object; annotations: object };
      spec: object;
    };
    expect(primaryTemplate.metadata.labels).toEqual({ app: "podinfo-primary" });
    expect(primaryTemplate.metadata.annotations).toHaveProperty("flagger-id");
    expect(primaryTemplate.spec).toEqual((target?.spec?.template as { spec: object } | undefined)?.spec);
    expect(primary?.spec?.replicas).toBe(2);
    expect(target?.spec?.replicas).toBe(0);
    expect(h.weights("test", "podinfo")).toEqual([100, 0]);
    const vs = h.store.get({ kind: "VirtualService", namespace: "test", name: "podinfo" });
    expect(vs?.spec?.hosts).toEqual(["app.istio.example.com", "podinfo"]);
    expect(vs?.spec?.gateways).toEqual(["public-gateway.istio-system.svc.cluster.local"]);
    for (const kind of ["Canary", "Deployment", "VirtualService", "Event"] as const) {
      for (const raw of h.store.list(kind)) expect(parseObject(kind, raw).ok).toBe(true);
    }
    expect(h.delivery("test", "podinfo")).toMatchObject({
      rawPhase: "Initialized",
      phase: "healthy",
      setWeight: 0,
    });
  });

  it("runs a new revision through 5..50, Promoting, Finalising and Succeeded with upstream's events", async () => {
    const h = await initialised();
    h.log.length = 0;
    setImage(h, "ghcr.io/stefanprodan/podinfo:6.0.1");
    const seen: string[] = [];
    const weights: string[] = [];
    for (let i = 0; i < 14; i++) {
      await h.step(30);
      seen.push(phaseAndWeight(h));
      weights.push((h.weights("test", "podinfo") ?? []).join("/"));
      if (i === 4)
        expect(h.delivery("test", "podinfo")).toMatchObject({
          rawPhase: "Progressing",
          setWeight: 20,
          actualWeight: 20,
        });
    }
    expect(seen).toEqual([
      "Progressing:0",
      ...[5, 10, 15, 20, 25, 30, 35, 40, 45, 50].map((w) => `Progressing:${w}`),
      "Promoting:50",
      "Finalising:0",
      "Succeeded:0",
    ]);
    expect(weights.slice(0, 3)).toEqual(["100/0", "95/5", "90/10"]);
    expect(weights.at(-3)).toBe("50/50");
    expect(weights.at(-2)).toBe("100/0");
    expect(h.log).toEqual([
      "Normal: New revision detected! Scaling up podinfo.test",
      "Normal: Starting canary analysis for podinfo.test",
      "Normal: Advance podinfo.test canary weight 5",
      ...[10, 15, 20, 25, 30, 35, 40, 45, 50].map((w) => `Normal: Advance podinfo.test canary weight ${w}`),
      "Normal: Copying podinfo.test template spec to podinfo-primary.test",
      "Normal: Routing all traffic to primary",
      "Normal: Promotion completed! Scaling down podinfo.test",
    ]);
    const primary = h.deployment("test", "podinfo-primary")?.spec?.template as {
      spec: { containers: Array<{ image: string }> };
    };
    expect(primary.spec.containers[0]?.image).toBe("ghcr.io/stefanprodan/podinfo:6.0.1");
    expect(h.deployment("test", "podinfo")?.spec?.replicas).toBe(0);
    const cd = h.canary("test", "podinfo");
    expect(cd.status?.lastPromotedSpec).toBe(cd.status?.lastAppliedSpec);
    expect(cd.status?.conditions?.[0]).toMatchObject({
      status: "True",
      reason: "Succeeded",
      message: "Canary analysis completed successfully, promotion finished.",
    });
    expect(h.delivery("test", "podinfo")).toMatchObject({ rawPhase: "Succeeded", phase: "healthy" });
    // The builtin queries, exactly as Flagger's Prometheus provider sends them.
    expect(h.metrics.queries[0]).toBe(
      ' sum( rate( istio_requests_total{ reporter="destination", destination_workload_namespace="test", destination_workload=~"podinfo", response_code!~"5.*" }[30s] ) ) / sum( rate( istio_requests_total{ reporter="destination", destination_workload_namespace="test", destination_workload=~"podinfo" }[30s] ) ) * 100',
    );
    // Nothing more happens until the next revision.
    await h.step(30);
    expect(phaseAndWeight(h)).toBe("Succeeded:0");
  });

  it("halts on failing metrics, counts failed checks and rolls back at the threshold", async () => {
    const h = await initialised();
    setImage(h, "ghcr.io/stefanprodan/podinfo:6.0.1-bad");
    await h.step(30); // new revision
    await h.step(30); // starting analysis, weight 5
    h.metrics.answer = (q) =>
      q.includes("histogram_quantile") ? { ok: true, values: [80] } : { ok: true, values: [61.2345] };
    h.log.length = 0;
    const checks: number[] = [];
    for (let i = 0; i < 10; i++) {
      await h.step(30);
      checks.push(h.canary("test", "podinfo").status?.failedChecks ?? -1);
    }
    expect(checks).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(h.log[0]).toBe("Warning: Halt podinfo.test advancement success rate 61.23% < 99%");
    expect(h.weights("test", "podinfo")).toEqual([95, 5]);
    await h.step(30);
    expect(h.log.slice(-2)).toEqual([
      "Warning: Rolling back podinfo.test failed checks threshold reached 10",
      "Warning: Canary failed! Scaling down podinfo.test",
    ]);
    const cd = h.canary("test", "podinfo");
    expect(cd.status).toMatchObject({ phase: "Failed", canaryWeight: 0, failedChecks: 0, iterations: 0 });
    expect(cd.status?.conditions?.[0]).toMatchObject({
      status: "False",
      message: "Canary analysis failed, Deployment scaled to zero.",
    });
    expect(h.weights("test", "podinfo")).toEqual([100, 0]);
    expect(h.deployment("test", "podinfo")?.spec?.replicas).toBe(0);
    expect(h.delivery("test", "podinfo")).toMatchObject({
      rawPhase: "Failed",
      phase: "degraded",
      aborted: true,
    });
    // The failed spec is now "applied": no new run until the target changes again.
    await h.step(30);
    expect(h.canary("test", "podinfo").status?.phase).toBe("Failed");
    setImage(h, "ghcr.io/stefanprodan/podinfo:6.0.2");
    await h.step(30);
    expect(phaseAndWeight(h)).toBe("Progressing:0");
  });

  it("reports slow responses as request duration over the threshold", async () => {
    const h = await initialised();
    setImage(h, "ghcr.io/stefanprodan/podinfo:6.0.1-slow");
    await h.step(30);
    await h.step(30);
    h.metrics.answer = (q) =>
      q.includes("histogram_quantile") ? { ok: true, values: [812.7] } : { ok: true, values: [100] };
    await h.step(30);
    expect(h.log.at(-1)).toBe("Warning: Halt podinfo.test advancement request duration 812ms > 500ms");
    h.metrics.answer = () => ({ ok: true, values: [] });
    await h.step(30);
    expect(h.log.at(-1)).toBe(
      "Warning: Halt advancement no values found for istio metric request-success-rate probably podinfo.test is not receiving traffic: no values found",
    );
    expect(h.canary("test", "podinfo").status?.failedChecks).toBe(2);
  });

  it("rolls back at the next tick after an abort patch of status.failedChecks", async () => {
    const h = await initialised();
    setImage(h, "ghcr.io/stefanprodan/podinfo:6.0.1");
    await h.step(30);
    await h.step(30);
    await h.step(30);
    expect(phaseAndWeight(h)).toBe("Progressing:10");
    h.store.patch(
      { kind: "Canary", namespace: "test", name: "podinfo" },
      { patchType: "merge", subresource: "status", body: { status: { failedChecks: 10 } } },
    );
    await h.step(30);
    expect(h.log.slice(-2)).toEqual([
      "Warning: Rolling back podinfo.test failed checks threshold reached 10",
      "Warning: Canary failed! Scaling down podinfo.test",
    ]);
    expect(phaseAndWeight(h)).toBe("Failed:0");
  });
});
