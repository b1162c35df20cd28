// The side-by-side table: one row per figure, both dashboards, and Rollscope's figure over Argo's.
import type { Figures, Settings } from "./measure";
import { spread } from "./stats";

const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : "–");
const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : "–");
const seconds = (x: number) => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : "–");
const ratio = (rollscope: number, argo: number) =>
  argo > 0 && Number.isFinite(rollscope / argo) ? `${(rollscope / argo).toFixed(2)}×` : "–";

interface Row {
  label: string;
  argo: string;
  rollscope: string;
  ratio: string;
}

function latencyRow(label: string, argo: number[], rollscope: number[], missed: [number, number]): Row {
  const a = spread(argo);
  const r = spread(rollscope);
  const missing = (n: number) => (n > 0 ? ` (${n} missed)` : "");
  return {
    label: `${label}, p50 / p90 / p99 ms`,
    argo: `${ms(a.p50)} / ${ms(a.p90)} / ${ms(a.p99)}${missing(missed[0])}`,
    rollscope: `${ms(r.p50)} / ${ms(r.p90)} / ${ms(r.p99)}${missing(missed[1])}`,
    ratio: `${ratio(r.p50, a.p50)} / ${ratio(r.p90, a.p90)} / ${ratio(r.p99, a.p99)}`,
  };
}

function valueRow(label: string, argo: number, rollscope: number, format: (x: number) => string): Row {
  return { label, argo: format(argo), rollscope: format(rollscope), ratio: ratio(rollscope, argo) };
}

/** CPU for the same changes: a side whose stream missed changes did less work, which the cell says. */
function cpuRow(settings: Settings, argo: Figures, rollscope: Figures): Row {
  const cell = (f: Figures) =>
    `${f.cpu.seconds.toFixed(2)} s${f.cpu.missed > 0 ? ` (${f.cpu.missed} missed)` : ""}`;
  return {
    label: `CPU s over ${settings.cpuSeconds} s at ${settings.changesPerSecond} changes/s, 1 client`,
    argo: cell(argo),
    rollscope: cell(rollscope),
    ratio: ratio(rollscope.cpu.seconds, argo.cpu.seconds),
  };
}

/** A side BENCH_ORDER left out: every cell "–" (NaN), so one side can be run alone, e.g. to profile it. */
export const notMeasured: Figures = {
  loadAtStart: Number.NaN,
  startToReadyMs: Number.NaN,
  rssNoClient: Number.NaN,
  list: { ms: Number.NaN, bytes: Number.NaN, rollouts: 0, deliveries: 0 },
  listRunsMs: [],
  sync1Ms: Number.NaN,
  latency1: [],
  missed1: 0,
  apiServer1: [],
  rss1: Number.NaN,
  cpu: { seconds: Number.NaN, windowS: Number.NaN, changes: 0, missed: 0, latencies: [] },
  syncAllMs: Number.NaN,
  latencyAll: [],
  missedAll: 0,
  rssAll: Number.NaN,
  rssPeakSampled: Number.NaN,
  hwmSum: Number.NaN,
  processes: [],
};

export function printTable(settings: Settings, argo: Figures, rollscope: Figures, revision: string): void {
  const n = settings.rollouts;
  const rows: Row[] = [
    latencyRow("change → stream, 1 client", argo.latency1, rollscope.latency1, [
      argo.missed1,
      rollscope.missed1,
    ]),
    {
      ...latencyRow(
        "same changes, the API server's own watch",
        argo.apiServer1,
        rollscope.apiServer1,
        [0, 0],
      ),
      ratio: "(the floor under both)",
    },
    latencyRow(`change → stream, ${settings.clients} clients`, argo.latencyAll, rollscope.latencyAll, [
      argo.missedAll,
      rollscope.missedAll,
    ]),
    valueRow("RSS settled, no client", argo.rssNoClient, rollscope.rssNoClient, mb),
    valueRow("RSS settled, 1 client", argo.rss1, rollscope.rss1, mb),
    valueRow(`RSS settled, ${settings.clients} clients`, argo.rssAll, rollscope.rssAll, mb),
    valueRow("RSS peak (tree sum, sampled every 250 ms)", argo.rssPeakSampled, rollscope.rssPeakSampled, mb),
    valueRow("RSS peak (sum of each process's VmHWM)", argo.hwmSum, rollscope.hwmSum, mb),
    valueRow(
      `full list (median of ${settings.listRuns})`,
      argo.list.ms,
      rollscope.list.ms,
      (x) => `${ms(x)} ms`,
    ),
    valueRow("full list size", argo.list.bytes, rollscope.list.bytes, (x) => `${(x / 1024).toFixed(0)} KB`),
    valueRow("1 client synced (stream has every Rollout)", argo.sync1Ms, rollscope.sync1Ms, seconds),
    valueRow(
      `${settings.clients} clients opened at once, all synced`,
      argo.syncAllMs,
      rollscope.syncAllMs,
      seconds,
    ),
    cpuRow(settings, argo, rollscope),
    valueRow("start → lists every Rollout", argo.startToReadyMs, rollscope.startToReadyMs, seconds),
  ];
  const header: Row = {
    label: `N = ${n} Rollouts`,
    argo: "Argo dashboard",
    rollscope: "Rollscope",
    ratio: "Rollscope / Argo",
  };
  const widths = (["label", "argo", "rollscope", "ratio"] as const).map((key) =>
    Math.max(...[header, ...rows].map((row) => row[key].length)),
  );
  const line = (row: Row) =>
    `| ${[row.label, row.argo, row.rollscope, row.ratio].map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log();
  console.log(`Rollscope at ${revision}`);
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
  console.log(
    `  samples: ${settings.changes} changes (1 client: ${argo.latency1.length} / ${rollscope.latency1.length} arrivals; ` +
      `${settings.clients} clients: ${argo.latencyAll.length} / ${rollscope.latencyAll.length} arrivals, every client's counted); ` +
      `CPU windows ${argo.cpu.windowS.toFixed(1)} / ${rollscope.cpu.windowS.toFixed(1)} s ` +
      `(changes that never arrived within 15 s: ${argo.cpu.missed} / ${rollscope.cpu.missed}); ` +
      `load average at start ${argo.loadAtStart.toFixed(2)} / ${rollscope.loadAtStart.toFixed(2)}`,
  );
  for (const [name, figures] of [
    ["Argo dashboard", argo],
    ["Rollscope", rollscope],
  ] as const) {
    const parts = figures.processes.map((p) => `${p.command.slice(0, 70)}: ${mb(p.rss)} (peak ${mb(p.hwm)})`);
    console.log(`  ${name} processes at ${settings.clients} clients: ${parts.join("; ")}`);
  }
}
