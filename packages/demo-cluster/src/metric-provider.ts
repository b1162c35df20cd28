// How the simulated controllers read metrics: with the real PromQL against a real Prometheus when one
// runs, else from the simulated mesh's own numbers (so the demo still works without Prometheus).
export type MetricQueryResult = { ok: true; values: number[] } | { ok: false; error: string };

export interface DemoMetricProvider {
  /** Human label for logs and messages, e.g. "prometheus at http://127.0.0.1:9091". */
  readonly description: string;
  /** Evaluates an instant PromQL query; a vector result becomes its sample values in order. */
  query(promql: string): Promise<MetricQueryResult>;
}
