import {
  flaggerIstioBuiltinQuery,
  flaggerTrimQuery,
  renderArgoQuery,
  renderFlaggerQuery,
} from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import { istioMetricTemplates } from "../flagger/scenario-objects";
import { argoMyapp, flaggerPodinfo, meshWith } from "./mesh-fixtures";
import { MeshMetricProvider } from "./mesh-metric-provider";

const builtin = (metric: "request-success-rate" | "request-duration", target = "podinfo", interval = "1m") =>
  flaggerTrimQuery(flaggerIstioBuiltinQuery(metric, { namespace: "test", target, interval }));

// The seed AnalysisTemplate's query (argo-istio-myapp.yaml), rendered as Argo renders it.
const ARGO_SUCCESS_RATE = `sum(rate(istio_requests_total{
  reporter="source",
  destination_service=~"{{args.service}}.{{args.namespace}}.svc.cluster.local",
  response_code!~"5.*"}[2m])
)
/
sum(rate(istio_requests_total{
  reporter="source",
  destination_service=~"{{args.service}}.{{args.namespace}}.svc.cluster.local"}[2m])
)
unless sum(rate(istio_requests_total{
  reporter="source",
  destination_service=~"{{args.service}}.{{args.namespace}}.svc.cluster.local"}[2m])
) == 0
`;

function podinfoMesh(canaryImage: string) {
  const { clock, mesh, store } = meshWith(
    flaggerPodinfo({ primaryImage: "ghcr.io/stefanprodan/podinfo:6.0.0", canaryImage, weights: [50, 50] }),
  );
  clock.advance(120_000);
  return { clock, store, provider: new MeshMetricProvider(mesh) };
}

describe("MeshMetricProvider", () => {
  it("answers Flagger's builtin success rate and p99 for a healthy canary", async () => {
    const { provider } = podinfoMesh("ghcr.io/stefanprodan/podinfo:6.0.1");
    const rate = await provider.query(builtin("request-success-rate"));
    expect(rate.ok && rate.values.length).toBe(1);
    if (!rate.ok) return;
    expect(rate.values[0]).toBeGreaterThan(99);
    expect(rate.values[0]).toBeLessThanOrEqual(100);
    const p99 = await provider.query(builtin("request-duration"));
    if (!p99.ok) throw new Error(p99.error);
    expect(p99.values[0]).toBeGreaterThan(60);
    expect(p99.values[0]).toBeLessThan(200);
  });

  it("sees a bad image's errors and a slow image's latency", async () => {
    const bad = podinfoMesh("ghcr.io/stefanprodan/podinfo:6.0.1-bad").provider;
    const rate = await bad.query(builtin("request-success-rate"));
    if (!rate.ok) throw new Error(rate.error);
    expect(rate.values[0]).toBeGreaterThan(60);
    expect(rate.values[0]).toBeLessThan(72);
    const slow = podinfoMesh("ghcr.io/stefanprodan/podinfo:6.0.1-slow").provider;
    const p99 = await slow.query(builtin("request-duration"));
    if (!p99.ok) throw new Error(p99.error);
    expect(p99.values[0]).toBeGreaterThan(500);
  });

  it("answers the demo MetricTemplates rendered for a target", async () => {
    const { provider } = podinfoMesh("ghcr.io/stefanprodan/podinfo:6.0.1-bad");
    const [errorRate, latency] = istioMetricTemplates().map(
      (t) =>
        renderFlaggerQuery((t.spec as { query: string }).query, {
          namespace: "test",
          target: "podinfo",
          interval: "30s",
        }).query,
    );
    const errors = await provider.query(flaggerTrimQuery(errorRate ?? ""));
    if (!errors.ok) throw new Error(errors.error);
    expect(errors.values[0]).toBeGreaterThan(25);
    const p99 = await provider.query(flaggerTrimQuery(latency ?? ""));
    expect(p99.ok && p99.values[0]).toBeGreaterThan(0);
  });

  it("answers Argo's success-rate query over destination_service", async () => {
    const { clock, mesh } = meshWith(
      argoMyapp({
        stableImage: "argoproj/rollouts-demo:blue",
        canaryImage: "argoproj/rollouts-demo:bad-yellow",
        weights: [80, 20],
      }),
    );
    clock.advance(180_000);
    const provider = new MeshMetricProvider(mesh);
    const render = (service: string) =>
      renderArgoQuery(ARGO_SUCCESS_RATE, [
        { name: "service", value: service },
        { name: "namespace", value: "rollouts-demo" },
      ]).query;
    const canary = await provider.query(render("myapp-canary-svc"));
    if (!canary.ok) throw new Error(canary.error);
    expect(canary.values).toHaveLength(1);
    expect(canary.values[0]).toBeGreaterThan(0.6);
    expect(canary.values[0]).toBeLessThan(0.73);
    const stable = await provider.query(render("myapp-stable-svc"));
    expect(stable.ok && stable.values[0]).toBeGreaterThan(0.99);
    // No traffic at all: `unless … == 0` leaves an empty result, which Argo's condition accepts.
    const none = await provider.query(render("nobody"));
    expect(none).toEqual({ ok: true, values: [] });
  });

  it("returns no values for a workload without traffic and NaN for one whose traffic stopped", async () => {
    const { clock, store, provider } = podinfoMesh("ghcr.io/stefanprodan/podinfo:6.0.1");
    expect(await provider.query(builtin("request-success-rate", "nothing"))).toEqual({
      ok: true,
      values: [],
    });
    // Route everything to the primary and let two minutes pass: the canary's counters stand still.
    const vs = store.get({ kind: "VirtualService", namespace: "test", name: "podinfo" });
    if (!vs) throw new Error("no vs");
    store.update({
      ...vs,
      spec: {
        ...vs.spec,
        http: [
          {
            route: [
              { destination: { host: "podinfo-primary" }, weight: 100 },
              { destination: { host: "podinfo-canary" }, weight: 0 },
            ],
          },
        ],
      },
    });
    clock.advance(120_000);
    const stopped = await provider.query(builtin("request-success-rate"));
    expect(stopped.ok && stopped.values.length === 1 && Number.isNaN(stopped.values[0])).toBe(true);
  });

  it("refuses queries it cannot evaluate", async () => {
    const { provider } = podinfoMesh("ghcr.io/stefanprodan/podinfo:6.0.1");
    for (const q of [
      "up",
      "avg(rate(istio_requests_total[1m]))",
      "sum(rate(http_requests_total[1m]))",
      'sum(rate(istio_requests_total{a="b"}[1m])',
    ]) {
      const result = await provider.query(q);
      expect(result.ok, q).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^the simulated mesh cannot answer this query: /);
    }
  });
});
