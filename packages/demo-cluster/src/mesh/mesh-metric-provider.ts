// The simulated controllers' metric source when no Prometheus runs: the controllers' own PromQL
// (Argo's success rate over destination_service, Flagger's builtin success rate and p99 over
// destination_workload, the demo's MetricTemplates) evaluated against the mesh's recent counters.
import type { DemoMetricProvider, MetricQueryResult } from "../metric-provider";
import type { MeshSimulator } from "./mesh-simulator";
import { evaluate } from "./promql-eval";
import { parsePromql } from "./promql-parse";

export class MeshMetricProvider implements DemoMetricProvider {
  readonly description = "the simulated mesh's own counters (no Prometheus)";

  constructor(private readonly mesh: MeshSimulator) {}

  async query(promql: string): Promise<MetricQueryResult> {
    try {
      const node = parsePromql(promql);
      // Answer as of now, not as of the mesh's last timer tick.
      this.mesh.tick();
      const value = evaluate(node, this.mesh.series, this.mesh.currentSecond());
      if (value.kind === "scalar") return { ok: true, values: [value.value] };
      return { ok: true, values: value.samples.map((s) => s.value) };
    } catch (error) {
      return { ok: false, error: `the simulated mesh cannot answer this query: ${(error as Error).message}` };
    }
  }
}
