// bench/api-scale-kube: Rollscope at 10,000 deliveries on a real kube-apiserver (the test cluster of
// e2e/cluster, its controllers stopped): 5,000 Rollouts and 5,000 Flagger Canaries in 1,000
// namespaces with their ReplicaSets, Pods, AnalysisRuns and Deployments, created with their status
// subresource. Rollscope runs as `npm start` runs it (one process), and is measured as browsers use
// it. Prints figures; asserts nothing. See README.md.
import { randomBytes } from "node:crypto";
import {
  clusterComponent,
  clusterRunning,
  clusterState,
  kubeClient,
  startCluster,
  stopCluster,
} from "../side-by-side/cluster";
import { rssPeakSampler, treeCpuSeconds, treeMemory } from "../side-by-side/process-tree";
import { prepareRollscope, startRollscope } from "../side-by-side/rollscope";
import { sleep } from "../side-by-side/side";
import { median, percentile } from "../side-by-side/stats";
import type { StreamClient } from "../side-by-side/stream-client";
import { createDeliveries, deleteNamespaces } from "./create";
import { canaryNameOf, namespaceOf, rolloutNameOf } from "./objects";
import { measureOverview } from "./overview-in-chromium";
import { type WireSnapshot, wireSnapshot } from "./wire-snapshot";

const numberEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const rollouts = numberEnv("BENCH_ROLLOUTS", 5000);
const canaries = numberEnv("BENCH_CANARIES", 5000);
const namespaces = numberEnv("BENCH_NAMESPACES", 1000);
const clients = numberEnv("BENCH_CLIENTS", 100);
const changesPerSecond = numberEnv("BENCH_CHANGES_PER_SECOND", 100);
const changeSeconds = numberEnv("BENCH_CHANGE_SECONDS", 10);
const MARK = "bench.rollscope.dev/change";
const watchInput = encodeURIComponent(JSON.stringify({ filters: {} }));

/** Everything the controller-manager, scheduler and controllers would do to these objects is stopped. */
const quiet = [
  "kube-controller-manager",
  "kube-scheduler",
  "kwok",
  "rollouts-controller",
  "flagger",
  "loadtester",
  "mesh",
];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const startedHere = !clusterRunning();
  if (startedHere) {
    console.error("api-scale-kube: starting the test cluster");
    startCluster();
  } else console.error("api-scale-kube: using the test cluster that is running (it stays up)");
  for (const name of quiet) clusterComponent("stop", name);
  const state = clusterState();
  const kubeconfig = state.ROLLSCOPE_KUBECONFIG ?? "";
  const kube = kubeClient(kubeconfig);
  const cleanup = async () => {
    if (startedHere) stopCluster();
    else {
      // Empty the namespaces first (the namespace controller runs in the controller-manager) and only
      // then start the controllers again: started on 10,000 objects they would load the machine for long.
      clusterComponent("start", "kube-controller-manager");
      await deleteNamespaces(kube, namespaces).catch((e: Error) => console.error(`  cleanup: ${e.message}`));
      await namespacesGone(kube, namespaces);
      for (const name of quiet) clusterComponent("start", name);
    }
    kube.close();
  };
  let rollscope: Awaited<ReturnType<typeof startRollscope>> | undefined;
  const streams: StreamClient[] = [];
  try {
    let t = performance.now();
    console.error(
      `api-scale-kube: creating ${rollouts} Rollouts + ${canaries} Canaries in ${namespaces} namespaces`,
    );
    await createDeliveries(kube, { rollouts, canaries, namespaces });
    const created = (performance.now() - t) / 1000;
    const deliveries = rollouts + canaries;

    await prepareRollscope();
    t = performance.now();
    rollscope = await startRollscope({ kubeconfig, context: "rollscope-test" });
    const pid = rollscope.pid;
    const peak = rssPeakSampler(pid);
    for (;;) {
      const listed = await rollscope.list().catch(() => undefined);
      const all = listed?.deliveries ?? 0;
      if (all >= deliveries) break;
      if (performance.now() - t > 10 * 60_000)
        throw new Error(`Rollscope lists ${all}/${deliveries} after 10 min`);
      await sleep(500);
    }
    const startToListed = (performance.now() - t) / 1000;
    await sleep(20_000);
    const rssIdle = treeMemory(pid).rss;

    const lists = [];
    for (let k = 0; k < 5; k++) lists.push(await rollscope.list());
    const listMs = median(lists.map((l) => l.ms));
    const listBytes = median(lists.map((l) => l.bytes));

    // Tabs: each opens the live list (a snapshot in pages, then changes).
    t = performance.now();
    for (let c = 0; c < clients; c++) streams.push(rollscope.stream(rollouts));
    const synced = await Promise.all(streams.map((s) => s.synced));
    const syncAllMs = Math.max(...synced) - t;
    const snapshotBytes = median(streams.map((s) => s.bytes()));
    await sleep(5_000);
    const rssClients = treeMemory(pid).rss;

    // Changes at a steady rate, alternating Rollouts and Canaries; each must reach every tab.
    const runId = `scale${randomBytes(3).toString("hex")}`;
    const total = changesPerSecond * changeSeconds;
    const gapMs = 1000 / changesPerSecond;
    const cpuBefore = treeCpuSeconds(pid);
    const start = performance.now();
    const arrivals: Array<Promise<PromiseSettledResult<number>[]>> = [];
    const sentAt: number[] = [];
    const writes: Array<Promise<unknown>> = [];
    // The API server's own answer time for the same changes: the floor under any dashboard's latency.
    const writeMs: number[] = [];
    for (let k = 0; k < total; k++) {
      await sleep(Math.max(0, start + k * gapMs - performance.now()));
      const marker = `${runId}-${String(k).padStart(5, "0")}`;
      arrivals.push(Promise.allSettled(streams.map((s) => s.waitFor(marker, 20_000))));
      const i = (k * 7919) % (k % 2 === 0 ? rollouts : canaries);
      const path =
        k % 2 === 0
          ? `/apis/argoproj.io/v1alpha1/namespaces/${namespaceOf(i, namespaces)}/rollouts/${rolloutNameOf(i)}`
          : `/apis/flagger.app/v1beta1/namespaces/${namespaceOf(i, namespaces)}/canaries/${canaryNameOf(i)}`;
      const sent = performance.now();
      sentAt[k] = sent;
      writes.push(
        kube
          .send("PATCH", path, { metadata: { labels: { [MARK]: marker } } }, "application/merge-patch+json")
          .then(() => writeMs.push(performance.now() - sent)),
      );
    }
    await Promise.all(writes);
    const settled = await Promise.all(arrivals);
    const cpu = treeCpuSeconds(pid) - cpuBefore;
    const window = (performance.now() - start) / 1000;
    const latencies: number[] = [];
    let missed = 0;
    settled.forEach((perClient, k) => {
      for (const a of perClient)
        if (a.status === "fulfilled") latencies.push(a.value - (sentAt[k] ?? 0));
        else missed++;
    });

    // A tab that reconnects and cannot resume gets a snapshot; the first page is what it shows first.
    const reconnects: Array<{ firstMs: number; allMs: number; bytes: number }> = [];
    for (let k = 0; k < 5; k++) {
      const at = performance.now();
      const tab = rollscope.stream(rollouts);
      const firstMs = (await tab.first) - at;
      const allMs = (await tab.synced) - at;
      reconnects.push({ firstMs, allMs, bytes: tab.bytes() });
      tab.close();
    }
    // The same, as the bytes cross the wire to a browser (compressed) and when the first page is there.
    const wire: WireSnapshot[] = [];
    for (let k = 0; k < 5; k++)
      wire.push(await wireSnapshot(`${rollscope.url}/api/trpc/deliveries.watchList?input=${watchInput}`));
    // A person opening the overview in Chromium, with the 100 tabs still open.
    const overview = await measureOverview(`${rollscope.url}/`, rolloutNameOf(4242));
    const rssPeak = peak.peak();
    peak.stop();

    const line = (label: string, value: string) =>
      console.log(`| ${label.padEnd(52)} | ${value.padEnd(40)} |`);
    console.log(
      `\nRollscope at ${deliveries} deliveries on a real kube-apiserver (${rollouts} Rollouts + ${canaries} Canaries, ${namespaces} namespaces; objects created in ${created.toFixed(0)} s)`,
    );
    console.log(`| ${"".padEnd(52)} | ${"Rollscope".padEnd(40)} |`);
    console.log(`|${"-".repeat(54)}|${"-".repeat(42)}|`);
    line("start → lists every delivery", `${startToListed.toFixed(1)} s`);
    line("RSS settled, no client (everything npm start runs)", mb(rssIdle));
    line(`RSS with ${clients} clients`, mb(rssClients));
    line("RSS peak (sampled every 250 ms)", mb(rssPeak));
    line("full list (median of 5)", `${listMs.toFixed(0)} ms, ${(listBytes / 1024 / 1024).toFixed(1)} MB`);
    line(
      `${clients} tabs opened at once, all synced`,
      `${(syncAllMs / 1000).toFixed(2)} s (${(snapshotBytes / 1024 / 1024).toFixed(1)} MB each)`,
    );
    line(
      `change → ${clients} tabs at ${changesPerSecond}/s, p50 / p90 / p99`,
      `${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 90).toFixed(0)} / ${percentile(latencies, 99).toFixed(0)} ms (${missed} of ${total * clients} missed)`,
    );
    line(
      "the API server's answer to each change, p50 / p99",
      `${percentile(writeMs, 50).toFixed(0)} / ${percentile(writeMs, 99).toFixed(0)} ms`,
    );
    line(`CPU s over the ${window.toFixed(0)} s of changes`, `${cpu.toFixed(2)} s`);
    line(
      "reconnect without resume: first page / whole list",
      `${median(reconnects.map((r) => r.firstMs)).toFixed(0)} / ${median(reconnects.map((r) => r.allMs)).toFixed(0)} ms, ${(median(reconnects.map((r) => r.bytes)) / 1024 / 1024).toFixed(1)} MB`,
    );
    line(
      "the same tab over the wire (gzip): first page / whole list",
      `${median(wire.map((w) => w.firstPageMs)).toFixed(0)} / ${median(wire.map((w) => w.completeMs)).toFixed(0)} ms, ${(median(wire.map((w) => w.wireBytes)) / 1024 / 1024).toFixed(2)} MB (${(median(wire.map((w) => w.jsonBytes)) / 1024 / 1024).toFixed(1)} MB of JSON)`,
    );
    line(
      "overview in Chromium: first rows on screen after navigation",
      `${overview.firstRowsMs.toFixed(0)} ms (${(overview.bytesBeforeFirstRows / 1024 / 1024).toFixed(2)} MB received by then)`,
    );
    line(
      `overview in Chromium: scripting while scrolling (${overview.scrollSteps} steps)`,
      `${overview.scrollScriptMs.toFixed(0)} ms, ${overview.scrollLongTasks} tasks of 50 ms or more`,
    );
    line("overview in Chromium: search, typed to rows shown", `${overview.searchMs.toFixed(0)} ms`);
  } finally {
    for (const s of streams) s.close();
    await rollscope?.stop();
    await cleanup();
  }
}

/** Waits (up to 15 minutes) until the bench's namespaces are deleted. */
async function namespacesGone(kube: ReturnType<typeof kubeClient>, count: number): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const { body } = await kube.send("GET", "/api/v1/namespaces");
    const left = ((JSON.parse(body) as { items: Array<{ metadata: { name: string } }> }).items ?? []).filter(
      (n) => /^scale-\d{4}$/.test(n.metadata.name),
    ).length;
    if (left === 0 || Date.now() > deadline) return;
    console.error(`  cleanup: ${left} of ${count} namespaces still being deleted`);
    await sleep(10_000);
  }
}

main().catch((error: Error) => {
  console.error(`api-scale-kube: ${error.stack ?? error.message}`);
  process.exit(1);
});
