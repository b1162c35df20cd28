// The simulated controllers' metric source when a real Prometheus runs: the real PromQL, answered by it.
import type { PrometheusClient } from "@rollscope/shared/prometheus/prometheus-client";
import type { DemoMetricProvider, MetricQueryResult } from "./metric-provider";

export class PrometheusMetricProvider implements DemoMetricProvider {
  readonly description: string;

  constructor(private readonly client: PrometheusClient) {
    this.description = `prometheus at ${client.baseUrl}`;
  }

  async query(promql: string): Promise<MetricQueryResult> {
    const result = await this.client.instant(promql);
    if (!result.ok) return result;
    return { ok: true, values: result.value.flatMap((s) => s.points.map(([, v]) => v)) };
  }
}
