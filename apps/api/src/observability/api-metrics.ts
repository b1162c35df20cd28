// The API's own Prometheus metrics, served at /metrics: cluster health, watch events, request
// latencies, live SSE clients, and the store's size and rows (read when scraped).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { ClusterRegistry } from "../runtime/cluster-registry";
import type { Database } from "../store/database";
import type { Tables } from "../store/tables";

/** Every table the store keeps (a table added to Tables must be listed: the type checks it). */
const storeTables = {
  audit_entries: true,
  weight_points: true,
  gate_decisions: true,
  follow_ups: true,
  analysis_records: true,
  person_settings: true,
  sessions: true,
  leases: true,
  oidc_pending_logins: true,
  store_meta: true,
} satisfies Record<keyof Tables, true>;

const stateValue = { connecting: 0, connected: 1, reconnecting: 2, error: 3 } as const;

export class ApiMetrics {
  readonly registry = new Registry();
  readonly watchEvents = new Counter({
    name: "rollscope_watch_events_total",
    help: "Object changes received from cluster watches",
    labelNames: ["cluster", "kind", "type"],
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: "rollscope_request_duration_seconds",
    help: "tRPC procedure latency",
    labelNames: ["procedure", "type", "outcome"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly sseClients = new Gauge({
    name: "rollscope_sse_clients",
    help: "Open subscription streams",
    registers: [this.registry],
  });
  readonly actions = new Counter({
    name: "rollscope_actions_total",
    help: "Actions requested, by result",
    labelNames: ["action", "result"],
    registers: [this.registry],
  });

  constructor(clusters: ClusterRegistry, store: Database) {
    // The event-loop delay histogram wakes the process at this period even when nothing happens: at
    // prom-client's default 10 ms that alone cost 10 ms of CPU a second, at 100 ms still about 0.8 ms a
    // second, half of an idle dashboard's CPU. Sampled once a second it costs nothing measurable, and a
    // stall still shows as the late tick it causes.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 1_000 });
    const registry = this.registry;
    new Gauge({
      name: "rollscope_cluster_state",
      help: "Cluster connection: 0 connecting, 1 connected, 2 reconnecting, 3 error",
      labelNames: ["cluster", "source"],
      registers: [registry],
      collect() {
        for (const { source } of clusters.list())
          this.set({ cluster: source.name, source: source.kind }, stateValue[source.health().state]);
      },
    });
    new Gauge({
      name: "rollscope_cluster_synced",
      help: "1 when every watched kind of the cluster has been listed",
      labelNames: ["cluster"],
      registers: [registry],
      collect() {
        for (const { source } of clusters.list())
          this.set({ cluster: source.name }, source.health().synced ? 1 : 0);
      },
    });
    new Gauge({
      name: "rollscope_deliveries",
      help: "Deliveries known, by cluster and controller",
      labelNames: ["cluster", "controller"],
      registers: [registry],
      collect() {
        for (const { source, index } of clusters.list()) {
          const all = [...index.summaries()];
          this.set(
            { cluster: source.name, controller: "argo" },
            all.filter((d) => d.controller === "argo").length,
          );
          this.set(
            { cluster: source.name, controller: "flagger" },
            all.filter((d) => d.controller === "flagger").length,
          );
        }
      },
    });
    new Gauge({
      name: "rollscope_store_info",
      help: "Which store this replica uses (always 1)",
      labelNames: ["dialect"],
      registers: [registry],
      collect() {
        this.set({ dialect: store.dialect }, 1);
      },
    });
    new Gauge({
      name: "rollscope_store_bytes",
      help: "Bytes the store takes (the embedded file with its WAL, or the PostgreSQL database)",
      registers: [registry],
      async collect() {
        this.set(await store.sizeBytes());
      },
    });
    new Gauge({
      name: "rollscope_store_rows",
      help: "Rows in each table of the store",
      labelNames: ["table"],
      registers: [registry],
      async collect() {
        const counts = await Promise.all(
          (Object.keys(storeTables) as Array<keyof Tables>).map(async (table) => {
            const row = await store.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as("rows"))
              .executeTakeFirst();
            return [table, Number(row?.rows ?? 0)] as const;
          }),
        );
        for (const [table, rows] of counts) this.set({ table }, rows);
      },
    });
    for (const { source } of clusters.list()) {
      source.store.subscribe((event) =>
        this.watchEvents.inc({ cluster: source.name, kind: event.kind, type: event.type }),
      );
    }
  }
}
