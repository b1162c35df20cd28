// The demo's Istio mesh: every demo second each delivery gets its users' requests (20-80 rps per
// app), routed by the current VirtualService weights or ready pods, plus whatever the loadtester's
// running load tests send; each request is counted by the client ("source") and server
// ("destination") sidecars as Istio does. The counters are served at /metrics for a real Prometheus.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DemoLoadtester, LoadTest } from "../flagger/loadtester";
import { RepeatingTimer } from "../repeating-timer";
import { EXPOSITION_CONTENT_TYPE, renderExposition } from "./exposition";
import { type Backend, ingressGateway, loadtesterPeer, type Peer, requestLabels } from "./istio-labels";
import {
  collectRoutings,
  type DeliveryRouting,
  headersMatch,
  type MeshObjects,
  type WeightedRoute,
} from "./routing";
import { SeriesStore } from "./series-store";
import { baseRate, type ImageProfile, imageProfile, rateWobble, seededRandom } from "./traffic-profile";

export interface MeshSimulatorOptions {
  /** The demo store, or a real cluster's objects. */
  store: MeshObjects;
  clock: { nowMs(): number };
  /** Its running load tests add traffic (e.g. `hey … http://podinfo-canary.test:9898/`). */
  loadtester?: DemoLoadtester;
  /** Deterministic randomness for tests. */
  random?: () => number;
  /** Share of user requests that match an A/B route's headers or cookies (default 0.12). */
  matchShare?: number;
  /** Requests per second for an app; default 20-80 by name. */
  rateFor?: (app: string) => number;
  /** Seconds of per-second history kept for windowed queries (default 600). */
  retentionSeconds?: number;
  /** Real milliseconds between ticks once started (default 250). */
  tickRealMs?: number;
}

export class MeshSimulator {
  readonly series: SeriesStore;
  private readonly random: () => number;
  private lastSecond: number | undefined;
  /** Short ids for label-relevant identities, so a request's stream key is cheap to hash. */
  private readonly interned = new Map<string, number>();
  /** Per-tick cache of each backend's id. */
  private backendIds = new Map<Backend, number>();
  private profiles = new Map<string, ImageProfile>();
  private readonly timer = new RepeatingTimer(() => this.tick());

  constructor(private readonly options: MeshSimulatorOptions) {
    this.series = new SeriesStore(options.retentionSeconds ?? 600);
    this.random = options.random ?? seededRandom(Date.now());
  }

  start(): void {
    this.timer.start(this.options.tickRealMs ?? 250);
  }

  stop(): void {
    this.timer.stop();
  }

  /** The last whole demo second generated (queries are answered as of its end). */
  currentSecond(): number {
    return this.lastSecond ?? Math.floor(this.options.clock.nowMs() / 1000) - 1;
  }

  /** Generates every whole demo second up to now (at most the retention, after a long pause). */
  tick(): void {
    const now = Math.floor(this.options.clock.nowMs() / 1000) - 1;
    const retention = this.options.retentionSeconds ?? 600;
    let from = this.lastSecond === undefined ? now : this.lastSecond + 1;
    if (now - from >= retention) from = now - retention + 1;
    if (from > now) return;
    const routings = collectRoutings(this.options.store);
    this.backendIds = new Map();
    const loadTests = this.options.loadtester?.activeLoadTests(this.options.clock.nowMs()) ?? [];
    for (let second = from; second <= now; second++) {
      for (const routing of routings) this.userTraffic(routing, second);
      for (const test of loadTests) if (test.untilMs > second * 1000) this.loadTestTraffic(test, routings);
      this.series.endSecond(second);
    }
    this.lastSecond = now;
  }

  /** The /metrics body. */
  exposition(): string {
    return renderExposition(this.series.all());
  }

  /** A loopback HTTP server answering GET /metrics. */
  serve(host = "127.0.0.1", port = 0): Promise<{ url: string; port: number; close: () => Promise<void> }> {
    const server = createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method === "GET" && path === "/metrics") {
        this.tick();
        res.writeHead(200, { "Content-Type": EXPOSITION_CONTENT_TYPE });
        res.end(this.exposition());
        return;
      }
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("404 page not found\n");
    });
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        const address = server.address() as AddressInfo;
        const hostText = address.family === "IPv6" ? `[${address.address}]` : address.address;
        resolve({
          url: `http://${hostText}:${address.port}`,
          port: address.port,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
    });
  }

  private userTraffic(routing: DeliveryRouting, second: number): void {
    const rate = (this.options.rateFor ?? baseRate)(routing.app) * rateWobble(routing.app, second);
    const count = Math.floor(rate + this.random());
    const matchShare = this.options.matchShare ?? 0.12;
    for (let i = 0; i < count; i++) {
      const matches = this.random() < matchShare;
      const route = routing.routes.find((r) => !r.match || matches);
      if (route) this.send(ingressGateway, route);
    }
  }

  private loadTestTraffic(test: LoadTest, routings: DeliveryRouting[]): void {
    let url: URL;
    try {
      url = new URL(test.url);
    } catch {
      return;
    }
    const [service = "", hostNamespace] = url.hostname.split(".");
    const canaryNamespace = test.canary.split(".").slice(1).join(".");
    const namespace = hostNamespace ?? canaryNamespace;
    const source = loadtesterPeer(canaryNamespace || namespace);
    for (const routing of routings) {
      if (routing.namespace !== namespace) continue;
      const direct = routing.direct.get(service);
      if (!direct && routing.entryService !== service) continue;
      const count = Math.floor(test.rps + this.random());
      for (let i = 0; i < count; i++) {
        if (direct) this.request(source, direct);
        else {
          const route = routing.routes.find((r) => !r.match || headersMatch(r.match, test.headers));
          if (route) this.send(source, route);
        }
      }
      return;
    }
  }

  private send(source: Peer, route: WeightedRoute): void {
    const total = route.backends.reduce((sum, b) => sum + Math.max(0, b.weight), 0);
    let pick = this.random() * (total > 0 ? total : route.backends.length);
    let chosen = route.backends[route.backends.length - 1]?.backend;
    for (const b of route.backends) {
      pick -= total > 0 ? Math.max(0, b.weight) : 1;
      if (pick < 0) {
        chosen = b.backend;
        break;
      }
    }
    if (chosen) this.request(source, chosen);
    // Mirrored copies reach the mirror's sidecar; their responses are dropped.
    if (route.mirror?.backend.ready && this.random() * 100 < route.mirror.percent) {
      this.respond(source, route.mirror.backend, "destination");
    }
  }

  private request(source: Peer, backend: Backend): void {
    if (!backend.ready) {
      this.record("source", source, backend, 503, 0.2 + this.random(), "UH");
      return;
    }
    this.respond(source, backend, "both");
  }

  private respond(source: Peer, backend: Backend, reporters: "both" | "destination"): void {
    let profile = this.profiles.get(backend.image);
    if (!profile) {
      profile = imageProfile(backend.image);
      this.profiles.set(backend.image, profile);
    }
    const code = this.random() < profile.errorRate ? profile.errorCode : 200;
    const latency = Math.max(0.3, profile.latency(this.random));
    this.record("destination", source, backend, code, latency);
    // The client's sidecar also counts the hop between the pods.
    if (reporters === "both") this.record("source", source, backend, code, latency + 0.4 + this.random());
  }

  private intern(text: string): number {
    let id = this.interned.get(text);
    if (id === undefined) {
      id = this.interned.size;
      this.interned.set(text, id);
    }
    return id;
  }

  private record(
    reporter: "source" | "destination",
    source: Peer,
    backend: Backend,
    code: number,
    latencyMs: number,
    flags = "-",
  ): void {
    let id = this.backendIds.get(backend);
    if (id === undefined) {
      // Only what ends up in labels: a new image or readiness must not split a series.
      const { image: _image, ready: _ready, ...labelled } = backend;
      id = this.intern(JSON.stringify(labelled));
      this.backendIds.set(backend, id);
    }
    const key = `${reporter}|${source.namespace}/${source.workload}|${id}|${code}|${flags}`;
    const stream = this.series.streamFor(key, () => requestLabels(reporter, source, backend, code, flags));
    this.series.observe(stream, latencyMs);
  }
}
