// For one delivery: its analysis metrics as series over the run (canary and, where the query can be
// rendered for it, stable/primary), and the observed canary traffic share. Errors are per panel.
import {
  type AnalysisRunDetail,
  type Canary,
  canaryRunWindow,
  type FlaggerMetricDetail,
  type MetricSeriesInput,
  type Rollout,
  type Samples,
} from "@rollscope/shared";
import type { PrometheusClient, PromResult, Series } from "@rollscope/shared/prometheus/prometheus-client";

/** One metric's series: what the metric view is drawn from, with the metric it belongs to and how it ran. */
export interface MetricSeries extends MetricSeriesInput {
  name: string;
  /** The AnalysisRun (Argo); absent for a Flagger metric. */
  run?: string;
  query: string;
  intervalSeconds: number;
}

export interface TrafficSeries {
  query: string;
  /** Canary share of requests in percent over time. */
  canaryShare: PromResult<Samples>;
}

export interface DeliverySeries {
  prometheus: { available: true; url: string } | { available: false; reason: string };
  metrics: MetricSeries[];
  traffic?: TrafficSeries;
}

const firstSeries = (r: PromResult<Series[]>): PromResult<Samples> => {
  if (!r.ok) return r;
  const points = r.value[0]?.points ?? [];
  return { ok: true, value: points };
};

/** The same query for the stable side: the canary service/workload name swapped for the stable one. */
export function stableVariant(
  query: string,
  canaryName: string | undefined,
  stableName: string | undefined,
): string | undefined {
  if (!canaryName || !stableName || !query.includes(canaryName)) return undefined;
  return query.split(canaryName).join(stableName);
}

export async function argoSeries(
  client: PrometheusClient,
  rollout: Rollout,
  runs: AnalysisRunDetail[],
  now: number,
): Promise<Pick<DeliverySeries, "metrics" | "traffic">> {
  const canary = rollout.spec.strategy?.canary;
  const blueGreen = rollout.spec.strategy?.blueGreen;
  const canaryService = canary?.canaryService ?? blueGreen?.previewService ?? undefined;
  const stableService = canary?.stableService ?? blueGreen?.activeService ?? undefined;
  const metrics: MetricSeries[] = [];
  for (const run of runs.slice(0, 3)) {
    for (const m of run.metrics) {
      if (m.provider !== "prometheus" || !m.query) continue;
      const start = Date.parse(run.startedAt ?? "") / 1000 || now / 1000 - 3600;
      const end = run.completedAt ? Date.parse(run.completedAt) / 1000 : now / 1000;
      const step = m.intervalSeconds ?? 60;
      const stableQuery = stableVariant(m.query, canaryService, stableService);
      const [canaryResult, stableResult] = await Promise.all([
        client.range(m.query, start, Math.max(end, start + step), step),
        stableQuery ? client.range(stableQuery, start, Math.max(end, start + step), step) : undefined,
      ]);
      metrics.push({
        name: m.name,
        run: run.name,
        query: m.query,
        ...(stableQuery ? { stableQuery } : {}),
        intervalSeconds: step,
        canary: firstSeries(canaryResult),
        ...(stableResult ? { stable: firstSeries(stableResult) } : {}),
      });
    }
  }
  const traffic =
    canaryService && stableService
      ? await trafficShare(
          client,
          rollout.metadata.namespace ?? "default",
          "destination_service_name",
          canaryService,
          stableService,
          now,
        )
      : undefined;
  return { metrics, ...(traffic ? { traffic } : {}) };
}

export async function flaggerSeries(
  client: PrometheusClient,
  canary: Canary,
  details: FlaggerMetricDetail[],
  now: number,
  windowSeconds: number,
): Promise<Pick<DeliverySeries, "metrics" | "traffic">> {
  // The latest run (as far back as it goes), or the hour before it ended; not just the last hour.
  const run = canaryRunWindow(canary, now, windowSeconds * 1000);
  const [start, end] = [run.startMs / 1000, run.endMs / 1000];
  const metrics = await Promise.all(
    details
      .filter((d) => d.query)
      .map(async (d): Promise<MetricSeries> => {
        const query = d.query as string;
        const [canaryResult, stableResult] = await Promise.all([
          client.range(query, start, end, d.intervalSeconds),
          d.primaryQuery ? client.range(d.primaryQuery, start, end, d.intervalSeconds) : undefined,
        ]);
        return {
          name: d.name,
          query,
          ...(d.primaryQuery ? { stableQuery: d.primaryQuery } : {}),
          intervalSeconds: d.intervalSeconds,
          canary: firstSeries(canaryResult),
          ...(stableResult ? { stable: firstSeries(stableResult) } : {}),
        };
      }),
  );
  const target = canary.spec.targetRef.name;
  const traffic = await trafficShare(
    client,
    canary.metadata.namespace ?? "default",
    "destination_workload",
    target,
    `${target}-primary`,
    now,
  );
  return { metrics, traffic };
}

async function trafficShare(
  client: PrometheusClient,
  namespace: string,
  label: "destination_service_name" | "destination_workload",
  canaryName: string,
  stableName: string,
  now: number,
  windowSeconds = 3600,
): Promise<TrafficSeries> {
  const nsLabel =
    label === "destination_workload" ? "destination_workload_namespace" : "destination_service_namespace";
  const rate = (name: string) =>
    `sum(rate(istio_requests_total{reporter="destination",${nsLabel}="${namespace}",${label}="${name}"}[1m]))`;
  const query = `100 * ${rate(canaryName)} / (${rate(canaryName)} + ${rate(stableName)})`;
  const result = await client.range(query, now / 1000 - windowSeconds, now / 1000, 15);
  return { query, canaryShare: firstSeries(result) };
}
