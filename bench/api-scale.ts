// API at scale: 2,000 Rollouts and 2,000 Canaries (with their ReplicaSets, Pods and Deployments) in the
// demo store, served over HTTP. Prints list latency, update fan-out latency to 50 SSE clients, the
// cost of a reconnecting tab with and without its last event id, and resident memory. Figures are medians of several runs; nothing here asserts a time.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { silentLogger } from "@rollscope/api/observability/logger";
import { createServices } from "@rollscope/api/runtime/create-services";
import { createApiServer, listen } from "@rollscope/api/server/http-server";
import { DemoClusterSource, type RawObject } from "@rollscope/demo-cluster";

const ROLLOUTS = Number(process.env.BENCH_ROLLOUTS ?? 2000);
const CANARIES = Number(process.env.BENCH_CANARIES ?? 2000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const LIST_RUNS = 9;
const UPDATES = 15;
const RECONNECTS = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? Number.NaN;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function rolloutObjects(i: number): RawObject[] {
  const ns = `team-${i % 40}`;
  const name = `svc-${i}`;
  const uid = `ro-${i}`;
  const template = (image: string) => ({
    metadata: { labels: { app: name } },
    spec: { containers: [{ name: "app", image }] },
  });
  const rs = (hash: string, rev: number, image: string, replicas: number): RawObject => ({
    kind: "ReplicaSet",
    metadata: {
      name: `${name}-${hash}`,
      namespace: ns,
      uid: `rs-${i}-${hash}`,
      labels: { app: name, "rollouts-pod-template-hash": hash },
      annotations: { "rollout.argoproj.io/revision": String(rev) },
      ownerReferences: [{ apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name, uid, controller: true }],
    },
    spec: { replicas, template: template(image) },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 },
  });
  const pods: RawObject[] = [0, 1, 2].map((p) => ({
    kind: "Pod",
    metadata: {
      name: `${name}-aaa-${p}`,
      namespace: ns,
      uid: `pod-${i}-${p}`,
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: `${name}-aaa`,
          uid: `rs-${i}-aaa`,
          controller: true,
        },
      ],
    },
    spec: { containers: [{ name: "app", image: "ghcr.io/acme/app:1.0.0" }] },
    status: {
      phase: "Running",
      conditions: [{ type: "Ready", status: "True" }],
      containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: { running: {} } }],
    },
  }));
  return [
    {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Rollout",
      metadata: {
        name,
        namespace: ns,
        uid,
        generation: 2,
        annotations: { "rollout.argoproj.io/revision": "2" },
      },
      spec: {
        replicas: 3,
        template: template("ghcr.io/acme/app:1.1.0"),
        strategy: {
          canary: {
            steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: "1m" } }],
          },
        },
      },
      status: {
        phase: "Paused",
        message: "CanaryPauseStep",
        observedGeneration: "2",
        currentPodHash: "bbb",
        stableRS: "aaa",
        currentStepIndex: 1,
        pauseConditions: [{ reason: "CanaryPauseStep", startTime: "2026-11-22T10:00:00Z" }],
        controllerPause: true,
        replicas: 4,
        updatedReplicas: 1,
        readyReplicas: 4,
        availableReplicas: 4,
      },
    },
    rs("aaa", 1, "ghcr.io/acme/app:1.0.0", 3),
    rs("bbb", 2, "ghcr.io/acme/app:1.1.0", 1),
    ...pods,
  ];
}

function canaryObjects(i: number): RawObject[] {
  const ns = `team-${i % 40}`;
  const name = `web-${i}`;
  const deployment = (n: string, image: string): RawObject => ({
    kind: "Deployment",
    metadata: { name: n, namespace: ns, uid: `dep-${n}` },
    spec: { replicas: 2, template: { spec: { containers: [{ name: "web", image }] } } },
    status: { replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 },
  });
  return [
    {
      apiVersion: "flagger.app/v1beta1",
      kind: "Canary",
      metadata: { name, namespace: ns, uid: `can-${i}` },
      spec: {
        targetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
        analysis: {
          interval: "30s",
          threshold: 5,
          maxWeight: 50,
          stepWeight: 10,
          metrics: [{ name: "request-success-rate", threshold: 99 }],
        },
      },
      status: {
        phase: "Progressing",
        canaryWeight: 20,
        failedChecks: 0,
        iterations: 0,
        lastAppliedSpec: "abc",
      },
    },
    deployment(name, "ghcr.io/acme/web:2.0.0"),
    deployment(`${name}-primary`, "ghcr.io/acme/web:1.9.0"),
  ];
}

interface SseClient {
  waitFor(match: string): Promise<number>;
  close(): void;
}

/** deliveries.watchList over HTTP SSE, as a browser tab opens it: the text of each event in turn. */
async function* watchListEvents(base: string, input: object, signal: AbortSignal): AsyncGenerator<string> {
  const query = encodeURIComponent(JSON.stringify(input));
  const response = await fetch(`${base}/api/trpc/deliveries.watchList?input=${query}`, {
    headers: { accept: "text/event-stream" },
    signal,
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let scanned = 0; // where to look for the next event end: a 5 MB snapshot arrives in many chunks
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf("\n\n", scanned); end >= 0; end = buffer.indexOf("\n\n")) {
      yield buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
    }
    scanned = Math.max(0, buffer.length - 1);
  }
}

/** A subscriber that stays connected, as an open tab: resolves `waitFor(text)` when an event has it. */
async function sseClient(base: string): Promise<SseClient> {
  const controller = new AbortController();
  const waiters: Array<{ match: string; resolve(t: number): void }> = [];
  let snapshot: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    snapshot = resolve;
  });
  void (async () => {
    for await (const message of watchListEvents(base, { filters: {} }, controller.signal)) {
      if (message.includes('"complete":true')) snapshot();
      for (let w = waiters.length - 1; w >= 0; w--) {
        const waiter = waiters[w];
        if (waiter && message.includes(waiter.match)) {
          waiter.resolve(performance.now());
          waiters.splice(w, 1);
        }
      }
    }
  })().catch(() => {});
  await ready;
  return {
    waitFor: (match) => new Promise((resolve) => waiters.push({ match, resolve })),
    close: () => controller.abort(),
  };
}

/**
 * Opens deliveries.watchList (resuming after `lastEventId` if given) and reads until the client has
 * the whole list: the last page of a snapshot, or the first batch of changes.
 */
async function firstEvent(
  base: string,
  lastEventId?: string,
): Promise<{ id: string; bytes: number; ms: number }> {
  const controller = new AbortController();
  const start = performance.now();
  let bytes = 0;
  const input = { filters: {}, ...(lastEventId ? { lastEventId } : {}) };
  for await (const message of watchListEvents(base, input, controller.signal)) {
    const id = /^id: (.*)$/m.exec(message)?.[1];
    if (!id || !/^data: /m.test(message)) continue;
    bytes += message.length;
    if (message.includes('"type":"changes"') || message.includes('"complete":true')) {
      const ms = performance.now() - start;
      controller.abort();
      return { id, bytes, ms };
    }
  }
  throw new Error("the stream ended before the list was complete");
}

/** A full collection, without starting node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

async function main(): Promise<void> {
  const source = new DemoClusterSource({ simulate: false, prometheus: false });
  const running = await createServices([source], {
    dataDir: mkdtempSync(join(tmpdir(), "rollscope-bench-")),
    readOnly: false,
    log: silentLogger(),
  });
  await running.start();
  const rssBefore = process.memoryUsage().rss;
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  for (let i = 0; i < ROLLOUTS; i++) for (const o of rolloutObjects(i)) source.api.create(o);
  for (let i = 0; i < CANARIES; i++) for (const o of canaryObjects(i)) source.api.create(o);
  const deliveries = running.services.clusters.list()[0]?.index.list().length ?? 0;
  const loadMs = performance.now() - t;
  const server = createApiServer(running.services, { allowedOrigins: [] });
  const port = await listen(server, "127.0.0.1", 0);
  const base = `http://127.0.0.1:${port}`;

  const listTimes: number[] = [];
  let listBytes = 0;
  for (let run = 0; run < LIST_RUNS; run++) {
    t = performance.now();
    const body = await (
      await fetch(`${base}/api/trpc/deliveries.list?input=${encodeURIComponent("{}")}`)
    ).text();
    listTimes.push(performance.now() - t);
    listBytes = body.length;
  }
  const filteredTimes: number[] = [];
  for (let run = 0; run < LIST_RUNS; run++) {
    t = performance.now();
    await (
      await fetch(
        `${base}/api/trpc/deliveries.list?input=${encodeURIComponent(JSON.stringify({ text: "svc-1 ns:team-1" }))}`,
      )
    ).text();
    filteredTimes.push(performance.now() - t);
  }

  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => sseClient(base)));
  const fanOut: number[] = [];
  const slowest: number[] = [];
  for (let u = 0; u < UPDATES; u++) {
    const i = u * 7;
    const marker = `bench-message-${u}`;
    const waits = clients.map((c) => c.waitFor(marker));
    const start = performance.now();
    source.api.patch(
      { kind: "Rollout", namespace: `team-${i % 40}`, name: `svc-${i}` },
      { patchType: "merge", subresource: "status", body: { status: { message: marker } } },
    );
    const arrivals = await Promise.all(waits);
    const latencies = arrivals.map((a) => a - start);
    fanOut.push(median(latencies));
    slowest.push(Math.max(...latencies));
  }
  // Steady state: every object loaded, every client streaming. RSS depends on when V8 last collected;
  // the heap after a full collection is the live memory, comparable between runs.
  const rss = process.memoryUsage().rss;
  collectGarbage();
  const liveHeap = process.memoryUsage().heapUsed;
  // A tab that reconnects: from scratch (a snapshot of everything) or with its last event id (only
  // what changed meanwhile: here, one Rollout).
  const fresh: Array<{ bytes: number; ms: number }> = [];
  const resumed: Array<{ bytes: number; ms: number }> = [];
  for (let run = 0; run < RECONNECTS; run++) {
    const seen = await firstEvent(base);
    fresh.push(seen);
    const i = run * 11;
    source.api.patch(
      { kind: "Rollout", namespace: `team-${i % 40}`, name: `svc-${i}` },
      { patchType: "merge", subresource: "status", body: { status: { message: `reconnect-${run}` } } },
    );
    await new Promise((resolve) => setTimeout(resolve, 100)); // past the index's batch window
    resumed.push(await firstEvent(base, seen.id));
  }
  for (const c of clients) c.close();
  server.close();
  await running.stop();

  console.log(
    `Rollscope API at scale — ${ROLLOUTS} Rollouts + ${CANARIES} Canaries (${deliveries} deliveries), ${CLIENTS} SSE clients`,
  );
  console.log(`  load into store and index:        ${loadMs.toFixed(0)} ms`);
  console.log(
    `  deliveries.list (all, ${(listBytes / 1024).toFixed(0)} KB):   median ${median(listTimes).toFixed(1)} ms, p95 ${p95(listTimes).toFixed(1)} ms over ${LIST_RUNS} runs`,
  );
  console.log(
    `  deliveries.list (search filter):  median ${median(filteredTimes).toFixed(1)} ms over ${LIST_RUNS} runs`,
  );
  console.log(
    `  update → ${CLIENTS} SSE clients:        median of medians ${median(fanOut).toFixed(1)} ms, median slowest client ${median(slowest).toFixed(1)} ms over ${UPDATES} updates`,
  );
  console.log(
    `  reconnect, snapshot:              median ${median(fresh.map((r) => r.ms)).toFixed(1)} ms, ${(median(fresh.map((r) => r.bytes)) / 1024).toFixed(0)} KB over ${RECONNECTS} runs`,
  );
  console.log(
    `  reconnect, resumed (1 change):    median ${median(resumed.map((r) => r.ms)).toFixed(1)} ms, ${(median(resumed.map((r) => r.bytes)) / 1024).toFixed(1)} KB over ${RECONNECTS} runs`,
  );
  console.log(`  resident memory:                  ${mb(rss)} (before objects: ${mb(rssBefore)})`);
  console.log(`  live heap after a full GC:        ${mb(liveHeap)} (before objects: ${mb(heapBefore)})`);
  process.exit(0);
}

void main();
