// The demo with a real Prometheus scraping the simulated mesh: the controllers' analysis and the
// dashboard's series both come from real PromQL.

import { findPrometheusBinary } from "@rollscope/demo-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ref, startDemo, waitFor } from "./demo-harness";

const binary = findPrometheusBinary();
if (!binary) console.warn("skipped: no `prometheus` binary on PATH (apt-get install prometheus)");

describe.skipIf(!binary)("demo with a real Prometheus", () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  const myapp = ref("Rollout", "rollouts-demo", "myapp");

  beforeAll(async () => {
    demo = await startDemo({ prometheus: true, speed: 30 });
  }, 60_000);
  afterAll(() => demo?.stop());

  it("serves analysis and traffic series from Prometheus for a rollout in flight", async () => {
    const [cluster] = await demo.caller.clusters.list();
    expect(cluster?.prometheus?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await demo.caller.actions.setImage({
      target: myapp,
      container: "myapp",
      image: "argoproj/rollouts-demo:green",
    });
    // The background analysis measures the canary service's success rate through Prometheus.
    const detail = await waitFor(
      "a measured value",
      () => demo.caller.deliveries.get(myapp),
      (d) => d.analysis.some((r) => r.metrics.some((m) => m.measurements.some((p) => p.value !== undefined))),
      60_000,
    );
    const metric = detail.analysis[0]?.metrics[0];
    expect(metric?.query).toContain(
      'destination_service=~"myapp-canary-svc.rollouts-demo.svc.cluster.local"',
    );
    const series = await waitFor(
      "series with points",
      () => demo.caller.metrics.series({ target: myapp }),
      (s) =>
        s.metrics.some((m) => m.canary.ok && m.canary.value.length > 0) && Boolean(s.traffic?.canaryShare.ok),
      60_000,
    );
    expect(series.prometheus).toMatchObject({ available: true });
    const first = series.metrics[0];
    expect(first?.stableQuery).toContain("myapp-stable-svc");
  }, 120_000);

  it("records each Flagger check that passes with the value Prometheus had for it", async () => {
    const podinfo = ref("Canary", "test", "podinfo");
    await demo.caller.actions.setImage({
      target: podinfo,
      container: "podinfod",
      image: "ghcr.io/stefanprodan/podinfo:6.0.9",
    });
    const checks = await waitFor(
      "a passed check with a sampled value",
      async () => {
        const releases = await demo.caller.analysisRecord.releases(podinfo);
        const current = releases.find((r) => r.current);
        if (!current) return [];
        const runs = await demo.caller.analysisRecord.runs({ target: podinfo, revision: current.revision });
        return runs.canaryRuns.flatMap((r) => r.checks);
      },
      (c) => c.some((check) => check.passed && check.value !== undefined),
      90_000,
    );
    const sampled = checks.find((c) => c.passed && c.value !== undefined);
    expect(Number(sampled?.value)).not.toBeNaN();
    expect(sampled?.threshold).toBeDefined();
  }, 120_000);
});
