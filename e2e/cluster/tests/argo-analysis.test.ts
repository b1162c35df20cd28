// An Argo inline analysis step on real data: the real controller queries the cluster's Prometheus
// (the simulated mesh's Istio telemetry), the measurement is Inconclusive, the rollout pauses, and
// Rollscope's promote lets it go on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argoRollout } from "./argo-objects";
import { apply, cluster, kubectl, rollscope, waitFor } from "./cluster";

const ns = "argo-analysis";
const requestRate = `sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="${ns}",destination_workload="web"}[30s]))`;

const objects = [
  { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
  {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisTemplate",
    metadata: { name: "request-rate", namespace: ns },
    spec: {
      metrics: [
        {
          name: "request-rate",
          count: 1,
          // Neither condition holds for real traffic: the run ends Inconclusive and asks a person.
          successCondition: "result[0] > 100000",
          failureCondition: "result[0] < 0",
          provider: { prometheus: { address: cluster.PROMETHEUS_URL, query: requestRate } },
        },
      ],
    },
  },
  argoRollout({
    namespace: ns,
    name: "web",
    image: "argoproj/rollouts-demo:blue",
    replicas: 4,
    steps: [
      { setWeight: 25 },
      { analysis: { templates: [{ templateName: "request-rate" }] } },
      { setWeight: 50 },
      { pause: {} },
    ],
  }),
];

async function prometheusValue(query: string): Promise<number | undefined> {
  const res = await fetch(`${cluster.PROMETHEUS_URL}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await res.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
  const value = body.data?.result?.[0]?.value[1];
  return value === undefined ? undefined : Number(value);
}

describe.skipIf(!cluster.PROMETHEUS_URL)("Argo inline analysis on real data", () => {
  let api: Awaited<ReturnType<typeof rollscope>>;
  const target = () => ({ cluster: api.name, kind: "Rollout" as const, namespace: ns, name: "web" });
  const get = () => api.caller.deliveries.get(target()).then((d) => d.delivery);

  beforeAll(async () => {
    api = await rollscope();
    apply(...objects);
  });
  afterAll(() => api?.running.stop());

  it("an Inconclusive measurement pauses the rollout; promote continues it", async () => {
    await waitFor("healthy", get, (x) => x.rawPhase === "Healthy");
    // The analysis must see traffic: wait until Prometheus has scraped some for this workload.
    await waitFor(
      "traffic in Prometheus",
      () => prometheusValue(requestRate),
      (v) => (v ?? 0) > 0,
    );
    await api.caller.actions.setImage({
      target: target(),
      container: "web",
      image: "argoproj/rollouts-demo:yellow",
    });

    const paused = await waitFor(
      "paused by inconclusive analysis",
      get,
      (x) => x.rawPhase === "Paused" && x.analysisRuns.some((r) => r.phase === "Inconclusive"),
    );
    expect(paused.step?.index).toBe(1);
    expect(paused.waitingForPerson).toBe(true);
    const run = paused.analysisRuns.find((r) => r.phase === "Inconclusive");
    expect(run?.counts.inconclusive).toBe(1);
    const measured = kubectl(
      "-n",
      ns,
      "get",
      "analysisrun",
      run?.name ?? "",
      "-o",
      "jsonpath={.status.metricResults[0].measurements[0].value}",
    );
    expect(Number(JSON.parse(measured)[0])).toBeGreaterThan(0);
    const detail = await api.caller.deliveries.get(target());
    expect(JSON.stringify(detail)).toMatch(/InconclusiveAnalysis/);

    await api.caller.actions.promote({ target: target(), observed: paused.observed });
    const next = await waitFor("past the analysis step", get, (x) => (x.step?.index ?? 0) >= 3);
    expect(next.setWeight).toBe(50);
  });
});
