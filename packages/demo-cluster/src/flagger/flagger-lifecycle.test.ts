import { describe, expect, it } from "vitest";
import { type Harness, initialisedHarness, phaseAndWeight, podinfoObjects } from "./test-harness";

const setImage = (h: Harness, image: string) => h.setImage("test", "podinfo", image);
const initialised = () =>
  initialisedHarness(podinfoObjects(), { namespace: "test", name: "podinfo", interval: 30 });

describe("FlaggerSimulator: skipAnalysis, restarts, suspend, Deployment status", () => {
  it("promotes at once when spec.skipAnalysis is set, as upstream does", async () => {
    const h = await initialised();
    setImage(h, "ghcr.io/stefanprodan/podinfo:6.0.1");
    await h.step(30);
    await h.step(30);
    expect(phaseAndWeight(h)).toBe("Progressing:5");
    h.store.patch(
      { kind: "Canary", namespace: "test", name: "podinfo" },
      { patchType: "merge", body: { spec: { skipAnalysis: true } } },
    );
    h.log.length = 0;
    await h.step(30);
    expect(h.log).toEqual([
      "Normal: Copying podinfo.test template spec to podinfo-primary.test",
      "Normal: Promotion completed! Canary analysis was skipped for podinfo.test",
    ]);
    expect(phaseAndWeight(h)).toBe("Succeeded:0");
    expect(h.weights("test", "podinfo")).toEqual([100, 0]);
    const primary = h.deployment("test", "podinfo-primary")?.spec?.template as {
      spec: { containers: Array<{ image: string }> };
    };
    expect(primary.spec.containers[0]?.image).toBe("ghcr.io/stefanprodan/podinfo:6.0.1");
  });

  it("restarts the analysis when the target changes mid-run", async () => {
    const h = await initialised();
    setImage(h, "ghcr.io/stefanprodan/podinfo:6.0.1");
    for (let i = 0; i < 4; i++) await h.step(30);
    expect(phaseAndWeight(h)).toBe("Progressing:15");
    setImage(h, "ghcr.io/stefanprodan/podinfo:6.0.2");
    await h.step(30);
    expect(h.log.at(-1)).toBe("Normal: New revision detected! Restarting analysis for podinfo.test");
    expect(phaseAndWeight(h)).toBe("Progressing:0");
    expect(h.weights("test", "podinfo")).toEqual([100, 0]);
    await h.step(30);
    expect(h.log.slice(-2)).toEqual([
      "Normal: Starting canary analysis for podinfo.test",
      "Normal: Advance podinfo.test canary weight 5",
    ]);
  });

  it("does nothing but say so while suspended", async () => {
    const h = await initialised();
    h.store.patch(
      { kind: "Canary", namespace: "test", name: "podinfo" },
      { patchType: "merge", body: { spec: { suspend: true } } },
    );
    setImage(h, "ghcr.io/stefanprodan/podinfo:6.0.1");
    await h.step(30);
    expect(h.log.at(-1)).toBe("Normal: skipping canary run as object is suspended");
    expect(h.canary("test", "podinfo").status?.phase).toBe("Initialized");
  });

  it("keeps the Deployments' status plausible", async () => {
    const h = await initialised();
    const primary = h.deployment("test", "podinfo-primary");
    expect(primary?.status).toMatchObject({
      observedGeneration: primary?.metadata.generation,
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      updatedReplicas: 2,
    });
    setImage(h, "ghcr.io/stefanprodan/podinfo:6.0.1");
    await h.step(30);
    await h.step(1);
    expect(h.deployment("test", "podinfo")?.status).toMatchObject({
      replicas: 1,
      updatedReplicas: 1,
      unavailableReplicas: 1,
    });
    await h.step(10);
    expect(h.deployment("test", "podinfo")?.status).toMatchObject({ readyReplicas: 1, availableReplicas: 1 });
  });

  it("runs blue-green iterations, switches all traffic to the canary, then promotes", async () => {
    const objects = podinfoObjects();
    const canary = objects[2] as unknown as { spec: { analysis: Record<string, unknown> } };
    const { stepWeight: _s, maxWeight: _m, ...analysis } = canary.spec.analysis;
    canary.spec.analysis = { ...analysis, iterations: 3 };
    const h = await initialisedHarness(objects, { namespace: "test", name: "podinfo", interval: 30 });
    setImage(h, "ghcr.io/stefanprodan/podinfo:6.0.1");
    const weights: string[] = [];
    for (let i = 0; i < 8; i++) {
      await h.step(30);
      weights.push((h.weights("test", "podinfo") ?? []).join("/"));
    }
    expect(h.log).toEqual([
      "Normal: New revision detected! Scaling up podinfo.test",
      "Normal: Starting canary analysis for podinfo.test",
      "Normal: Advance podinfo.test canary iteration 1/3",
      "Normal: Advance podinfo.test canary iteration 2/3",
      "Normal: Advance podinfo.test canary iteration 3/3",
      "Normal: Routing all traffic to canary",
      "Normal: Copying podinfo.test template spec to podinfo-primary.test",
      "Normal: Routing all traffic to primary",
      "Normal: Promotion completed! Scaling down podinfo.test",
    ]);
    expect(weights).toEqual(["100/0", "100/0", "100/0", "100/0", "0/100", "0/100", "100/0", "100/0"]);
    expect(h.delivery("test", "podinfo")).toMatchObject({ strategy: "blueGreen", rawPhase: "Succeeded" });
  });

  it("spends one step mirroring before shifting weight when analysis.mirror is set", async () => {
    const objects = podinfoObjects();
    const canary = objects[2] as unknown as { spec: { analysis: Record<string, unknown> } };
    canary.spec.analysis = { ...canary.spec.analysis, mirror: true, mirrorWeight: 50 };
    const h = await initialisedHarness(objects, { namespace: "test", name: "podinfo", interval: 30 });
    setImage(h, "ghcr.io/stefanprodan/podinfo:6.0.1");
    await h.step(30);
    await h.step(30);
    const vs = h.store.get({ kind: "VirtualService", namespace: "test", name: "podinfo" });
    expect((vs?.spec?.http as unknown[] | undefined)?.[0]).toMatchObject({
      mirror: { host: "podinfo-canary" },
      mirrorPercentage: { value: 50 },
    });
    expect(h.log.slice(-2)).toEqual([
      "Normal: Starting canary analysis for podinfo.test",
      "Normal: Advance podinfo.test canary weight 0",
    ]);
    await h.step(30);
    expect(h.log.at(-1)).toBe("Normal: Advance podinfo.test canary weight 5");
    expect(h.weights("test", "podinfo")).toEqual([95, 5]);
  });
});
