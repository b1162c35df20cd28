// The embedded demo cluster: an in-process API server (DemoStore) with simulated Argo Rollouts and
// Flagger controllers, a flagger-loadtester, an Istio-style mesh and, when the binary is there, a real
// Prometheus scraping the mesh. Actions reach it through the same plans as a real cluster.
import { hostname } from "node:os";
import { isKnownKind, type KnownKind, type RollscopeGateScope, rollscopeGateScope } from "@rollscope/shared";
import type {
  AccessCheck,
  ActionRequestForSource,
  ClusterHealth,
  ClusterIdentity,
  ClusterSource,
} from "@rollscope/shared/cluster/cluster-source";
import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import { localOsIdentity } from "@rollscope/shared/cluster/local-identity";
import { ObjectStore } from "@rollscope/shared/cluster/object-store";
import { actionEvent, eventNameSuffix } from "@rollscope/shared/kube/kube-event";
import { PrometheusClient } from "@rollscope/shared/prometheus/prometheus-client";
import { DEMO_CHURN_TARGETS, ImageChurn, seedArgoScenarios } from "./argo/scenarios";
import { ArgoRolloutsSimulator } from "./argo/simulator";
import { DemoClock } from "./demo-clock";
import { DemoStore } from "./demo-store";
import {
  DemoLoadtester,
  demoLoadtesterServices,
  demoWebhookCaller,
  FlaggerSimulator,
  installFlaggerScenarios,
  ReleaseDriver,
  type WebhookCaller,
} from "./flagger";
import { MeshMetricProvider, MeshSimulator } from "./mesh";
import type { DemoMetricProvider } from "./metric-provider";
import { PrometheusMetricProvider } from "./prometheus-metric-provider";
import { findPrometheusBinary, type RunningPrometheus, startPrometheus } from "./prometheus-process";

/** Where the demo reports failures in its background work; a pino logger is one. */
export interface DemoLog {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface DemoOptions {
  /** Demo time passes this many times faster than real time. */
  speed?: number;
  /** Start a local Prometheus when the binary is found (default true). */
  prometheus?: boolean;
  /** Keep the demo alive with new releases now and then (default true). */
  newReleases?: boolean;
  /** Create the demo scenarios and run the simulated controllers (default true); off for benchmarks. */
  simulate?: boolean;
  /** Answers Flagger webhooks that point at Rollscope's own gate endpoints (from the shared store). */
  gateCheck?: (
    scope: RollscopeGateScope,
    payload: { namespace: string; name: string; checksum?: string },
  ) => boolean | Promise<boolean>;
  log?: DemoLog;
}

export class DemoClusterSource implements ClusterSource {
  readonly name = "demo";
  readonly kind = "demo" as const;
  readonly label = "Demo cluster";
  readonly store = new ObjectStore();
  readonly clock: DemoClock;
  readonly api: DemoStore;
  readonly loadtester: DemoLoadtester;
  readonly mesh: MeshSimulator;
  prometheusUrl?: string;
  prometheusNote?: string;
  private argo?: ArgoRolloutsSimulator;
  private flagger?: FlaggerSimulator;
  private drivers: Array<{ stop(): void }> = [];
  private prometheus?: RunningPrometheus;
  private meshServer?: { close(): Promise<void> | void };
  private unwatch?: () => void;
  private startedAt = new Date().toISOString();
  private started = false;

  constructor(private readonly options: DemoOptions = {}) {
    this.clock = new DemoClock(options.speed ?? 1);
    this.api = new DemoStore(this.clock);
    this.loadtester = new DemoLoadtester({ now: () => this.clock.nowMs() });
    this.mesh = new MeshSimulator({ store: this.api, clock: this.clock, loadtester: this.loadtester });
  }

  async start(): Promise<void> {
    // Mirror the demo API server into the informer cache, as a watch would.
    this.unwatch = this.api.watch((event) => {
      const kind = event.object.kind;
      if (!isKnownKind(kind)) return;
      if (event.type === "deleted") this.store.delete(this.api.keyOf(event.object));
      else this.store.upsert(kind, event.object);
    });
    if (this.options.simulate === false) {
      this.startedAt = new Date().toISOString();
      this.started = true;
      return;
    }
    seedArgoScenarios(this.api);
    installFlaggerScenarios(this.api);
    const metrics = await this.metricProvider();
    this.argo = new ArgoRolloutsSimulator({
      store: this.api,
      clock: this.clock,
      metrics,
      onError: (e) => this.options.log?.error({ err: e }, "demo argo tick failed"),
    });
    this.flagger = new FlaggerSimulator({
      store: this.api,
      clock: this.clock,
      metrics,
      loadtester: this.loadtester,
      callWebhook: demoWebhookCaller(this.loadtester, this.rollscopeGateCaller()),
      onError: (e) => this.options.log?.error({ err: e }, "demo flagger tick failed"),
    });
    this.mesh.start();
    await this.argo.tick();
    await this.flagger.tick();
    this.argo.start();
    this.flagger.start();
    if (this.options.newReleases !== false) {
      const churn = new ImageChurn({ store: this.api, clock: this.clock, targets: DEMO_CHURN_TARGETS });
      churn.start();
      const releases = new ReleaseDriver({ store: this.api, clock: this.clock });
      releases.start();
      this.drivers.push(churn, releases);
    }
    this.startedAt = new Date().toISOString();
    this.started = true;
  }

  async stop(): Promise<void> {
    this.argo?.stop();
    this.flagger?.stop();
    for (const d of this.drivers) d.stop();
    this.mesh.stop();
    this.unwatch?.();
    await this.meshServer?.close();
    await this.prometheus?.stop();
  }

  health(): ClusterHealth {
    return { state: "connected", since: this.startedAt, synced: this.started, absent: [] };
  }

  async execute(request: ActionRequestForSource): Promise<void> {
    if (request.type === "patch") {
      const { target } = request;
      this.api.patch(
        { kind: target.kind as KnownKind, namespace: target.namespace, name: target.name },
        { patchType: request.patchType, body: request.body, subresource: request.subresource },
      );
      return;
    }
    if (!demoLoadtesterServices.has(request.service)) {
      throw new ClusterRequestError(
        `service ${request.namespace}/${request.service} does not exist in the demo cluster`,
        "NotFound",
        404,
      );
    }
    const answer = this.loadtester.handle(request.path, request.body);
    if (answer.status > 299) {
      throw new ClusterRequestError(
        `the loadtester answered ${answer.status}: ${answer.body}`,
        "Invalid",
        answer.status,
      );
    }
  }

  async canI(_check: AccessCheck): Promise<boolean> {
    return true;
  }

  /** The demo has no credentials: whoever runs it is its user. */
  async whoAmI(): Promise<ClusterIdentity> {
    return localOsIdentity();
  }

  /** The demo has no RBAC: every person may do everything, custom verbs included. */
  async reviewAccess(): Promise<boolean> {
    return true;
  }

  async recordEvent(event: Parameters<ClusterSource["recordEvent"]>[0]): Promise<void> {
    this.api.create(actionEvent(event, this.clock.timestamp(), eventNameSuffix(new Date()), hostname()));
  }

  /** Prometheus when its binary is installed and allowed, else the mesh's own numbers. */
  private async metricProvider(): Promise<DemoMetricProvider> {
    const fallback = new MeshMetricProvider(this.mesh);
    if (this.options.prometheus === false) {
      this.prometheusNote =
        "The demo runs without Prometheus (--no-prometheus): metric history is not available.";
      return fallback;
    }
    const binary = findPrometheusBinary();
    if (!binary) {
      this.prometheusNote =
        "The demo found no `prometheus` binary, so there is no metric history: install it (apt-get install prometheus) and restart.";
      return fallback;
    }
    try {
      const served = await this.mesh.serve("127.0.0.1", 0);
      this.meshServer = served;
      this.prometheus = await startPrometheus({
        binary,
        targets: [new URL(served.url).host],
        scrapeSeconds: 1,
      });
      this.prometheusUrl = this.prometheus.url;
      return new PrometheusMetricProvider(
        new PrometheusClient(this.prometheus.url, { cacheMs: 0, timeoutMs: 5_000 }),
      );
    } catch (error) {
      this.prometheusNote = `The demo's Prometheus did not start (${(error as Error).message}); metric history is not available.`;
      this.options.log?.warn({ err: error }, "demo prometheus failed to start");
      return fallback;
    }
  }

  private rollscopeGateCaller(): WebhookCaller {
    return async (url, payload) => {
      const path = (() => {
        try {
          return new URL(url).pathname;
        } catch {
          return "";
        }
      })();
      const scope = rollscopeGateScope(path);
      if (!scope || !this.options.gateCheck)
        return { status: 0, body: `Post "${url}": no route to host in the demo` };
      return (await this.options.gateCheck(scope, payload))
        ? { status: 200, body: "Approved" }
        : { status: 403, body: "Forbidden" };
    };
  }
}
