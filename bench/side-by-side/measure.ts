// One dashboard through the whole procedure: start, list, one tab (sync, change latency, memory, CPU at a
// steady change rate), then twenty tabs opened at once (sync, change latency, memory).
import { loadavg } from "node:os";
import type { KubeClient } from "./cluster";
import { rssPeakSampler, treeCpuSeconds, treeMemory } from "./process-tree";
import { NAMESPACE, rolloutName } from "./rollouts";
import type { Dashboard, ListReading } from "./side";
import { sleep } from "./side";
import { median } from "./stats";
import type { StreamClient } from "./stream-client";

export interface Settings {
  rollouts: number;
  clients: number;
  changes: number;
  cpuSeconds: number;
  changesPerSecond: number;
  settleMs: number;
  listRuns: number;
  /**
   * Prefix of this side's markers, so that no change sets a label to the value it already has (the API
   * server would not write it, and no stream would get it).
   */
  runId: string;
}

export interface Figures {
  /** The machine's 1-minute load average when this dashboard started: how quiet the run was. */
  loadAtStart: number;
  startToReadyMs: number;
  rssNoClient: number;
  list: ListReading;
  listRunsMs: number[];
  sync1Ms: number;
  latency1: number[];
  missed1: number;
  /** The same 1-client changes, seen by a watch on the API server itself (ms): the floor. */
  apiServer1: number[];
  rss1: number;
  cpu: { seconds: number; windowS: number; changes: number; missed: number; latencies: Array<number | null> };
  syncAllMs: number;
  latencyAll: number[];
  missedAll: number;
  rssAll: number;
  rssPeakSampled: number;
  hwmSum: number;
  processes: Array<{ command: string; rss: number; hwm: number }>;
}

export const CHANGE_LABEL = "bench.rollscope.dev/change";

/** A label value no other marker contains (fixed width: "-1" would also be found in "-10"). */
const markerOf = (settings: Settings, phase: string, k: number) =>
  `${settings.runId}-${phase}-${String(k).padStart(4, "0")}`;

/** A change: a merge patch of one label on one Rollout. Returns performance.now() before it is sent. */
async function change(kube: KubeClient, rollout: number, marker: string): Promise<number> {
  const path = `/apis/argoproj.io/v1alpha1/namespaces/${NAMESPACE}/rollouts/${rolloutName(rollout)}`;
  const body = { metadata: { labels: { [CHANGE_LABEL]: marker } } };
  const sentAt = performance.now();
  const { status, body: answer } = await kube.send("PATCH", path, body, "application/merge-patch+json");
  if (status !== 200) throw new Error(`PATCH ${path}: HTTP ${status}: ${answer.slice(0, 300)}`);
  return sentAt;
}

/** `count` changes one after another; each client's arrival time after the patch was sent. */
async function changeLatencies(
  kube: KubeClient,
  clients: StreamClient[],
  settings: Settings,
  phase: string,
): Promise<{ latencies: number[]; missed: number; apiServer: number[] }> {
  const latencies: number[] = [];
  const apiServer: number[] = [];
  let missed = 0;
  // The same changes seen by a watch on the API server itself: what no dashboard can beat.
  const floor = kube.watch(
    `/apis/argoproj.io/v1alpha1/namespaces/${NAMESPACE}/rollouts?watch=1&resourceVersion=0`,
  );
  try {
    for (let k = 0; k < settings.changes; k++) {
      const marker = markerOf(settings, phase, k);
      const arrivals = clients.map((c) => c.waitFor(marker, 15_000));
      const direct = floor.waitFor(marker, 15_000);
      direct.catch(() => {}); // a change the watch missed only leaves the floor a sample short
      const sentAt = await change(kube, (k * 37 + 11) % settings.rollouts, marker);
      for (const arrival of await Promise.allSettled(arrivals)) {
        if (arrival.status === "fulfilled") latencies.push(arrival.value - sentAt);
        else missed++;
      }
      const [floorArrival] = await Promise.allSettled([direct]);
      if (floorArrival?.status === "fulfilled") apiServer.push(floorArrival.value - sentAt);
      await sleep(150 + Math.random() * 100); // apart, and not in step with any timer of either side
    }
  } finally {
    floor.close();
  }
  return { latencies, missed, apiServer };
}

/** Changes at a steady rate for `cpuSeconds`, with one client reading; the tree's CPU seconds meanwhile. */
async function cpuAtRate(kube: KubeClient, client: StreamClient, pid: number, settings: Settings) {
  const total = settings.cpuSeconds * settings.changesPerSecond;
  const gapMs = 1000 / settings.changesPerSecond;
  const cpuBefore = treeCpuSeconds(pid);
  const start = performance.now();
  const arrivals: Array<Promise<number>> = [];
  const sentAt: number[] = [];
  for (let k = 0; k < total; k++) {
    await sleep(Math.max(0, start + k * gapMs - performance.now()));
    const marker = markerOf(settings, "cpu", k);
    const arrival = client.waitFor(marker, 15_000);
    arrival.catch(() => {}); // counted as missed below, once every change has been sent
    arrivals.push(arrival);
    sentAt.push(await change(kube, (k * 13 + 5) % settings.rollouts, marker));
  }
  await sleep(Math.max(0, start + total * gapMs - performance.now()));
  // Until every change has arrived (or is given up after 15 s): the work they cause is in the window.
  const settled = await Promise.allSettled(arrivals);
  return {
    seconds: treeCpuSeconds(pid) - cpuBefore,
    windowS: (performance.now() - start) / 1000,
    changes: total,
    missed: settled.filter((a) => a.status === "rejected").length,
    // Per change, ms from the patch to its arrival, or null: where a stream stopped, if one did.
    latencies: settled.map((a, k) => (a.status === "fulfilled" ? a.value - (sentAt[k] ?? 0) : null)),
  };
}

async function openClients(dashboard: Dashboard, count: number, rollouts: number) {
  const start = performance.now();
  const clients = Array.from({ length: count }, () => dashboard.stream(rollouts));
  const syncedAt = await Promise.all(clients.map((c) => c.synced));
  return { clients, syncMs: Math.max(...syncedAt) - start };
}

const log = (dashboard: Dashboard, what: string) => console.error(`  [${dashboard.name}] ${what}`);

export async function measure(
  start: () => Promise<Dashboard>,
  kube: KubeClient,
  settings: Settings,
): Promise<Figures> {
  const loadAtStart = loadavg()[0] ?? 0;
  const startedAt = performance.now();
  const dashboard = await start();
  const peak = rssPeakSampler(dashboard.pid);
  const clients: StreamClient[] = [];
  try {
    await dashboard.ready(settings.rollouts, Date.now() + 5 * 60_000);
    const startToReadyMs = performance.now() - startedAt;
    log(dashboard, `ready in ${(startToReadyMs / 1000).toFixed(1)} s; settling`);
    await sleep(settings.settleMs);
    const rssNoClient = treeMemory(dashboard.pid).rss;

    const listRuns: ListReading[] = [];
    for (let run = 0; run < settings.listRuns; run++) listRuns.push(await dashboard.list());
    const listRunsMs = listRuns.map((l) => l.ms);
    const list = { ...(listRuns[0] as ListReading), ms: median(listRunsMs) };

    log(dashboard, "one client");
    const one = await openClients(dashboard, 1, settings.rollouts);
    clients.push(...one.clients);
    await sleep(2000);
    const single = await changeLatencies(kube, one.clients, settings, "one");
    await sleep(settings.settleMs);
    const rss1 = treeMemory(dashboard.pid).rss;
    log(dashboard, `CPU over ${settings.cpuSeconds} s at ${settings.changesPerSecond} changes/s`);
    const cpu = await cpuAtRate(kube, one.clients[0] as StreamClient, dashboard.pid, settings);
    for (const c of clients.splice(0)) c.close();
    await sleep(2000);

    log(dashboard, `${settings.clients} clients at once`);
    const many = await openClients(dashboard, settings.clients, settings.rollouts);
    clients.push(...many.clients);
    await sleep(2000);
    const all = await changeLatencies(kube, many.clients, settings, "all");
    await sleep(settings.settleMs);
    const memory = treeMemory(dashboard.pid);
    return {
      loadAtStart,
      startToReadyMs,
      rssNoClient,
      list,
      listRunsMs,
      sync1Ms: one.syncMs,
      latency1: single.latencies,
      missed1: single.missed,
      apiServer1: single.apiServer,
      rss1,
      cpu,
      syncAllMs: many.syncMs,
      latencyAll: all.latencies,
      missedAll: all.missed,
      rssAll: memory.rss,
      rssPeakSampled: Math.max(peak.peak(), memory.rss),
      hwmSum: memory.hwm,
      processes: memory.processes.map(({ command, rss, hwm }) => ({ command, rss, hwm })),
    };
  } finally {
    for (const c of clients) c.close();
    peak.stop();
    await dashboard.stop();
  }
}
