// The demo's Flagger controller. Like upstream, every Canary gets a job that runs one analysis tick
// at once and then every `analysis.interval` of demo time (recreated when the interval changes); a
// Canary without conditions is first marked Initializing (syncHandler). The Deployments Flagger
// manages get their status from a small Deployment-controller stand-in; a deleted Canary's primary
// and VirtualService are garbage-collected through their owner references.
import { analysisIntervalSeconds, type Canary, canaryServiceNames, parseObject } from "@rollscope/shared";
import { type ObjectKey, objectKey } from "@rollscope/shared/cluster/object-key";
import type { DemoClock } from "../demo-clock";
import type { DemoStore } from "../demo-store";
import type { DemoMetricProvider } from "../metric-provider";
import { RepeatingTimer } from "../repeating-timer";
import { CanaryStatusWriter } from "./canary-status";
import { FlaggerDeploymentController } from "./deployment-controller";
import { DeploymentStatusSimulator } from "./deployment-status";
import { FlaggerEventRecorder } from "./event-recorder";
import { canaryKey, namespaceOf, primaryName, targetName, type WebhookCaller } from "./flagger-context";
import { IstioRouter } from "./istio-router";
import { DemoLoadtester } from "./loadtester";
import { MetricChecks } from "./metric-checks";
import { FlaggerScheduler } from "./scheduler";
import type { SchedulerParts } from "./strategies";
import { demoWebhookCaller, WebhookRunner } from "./webhooks";

export interface FlaggerSimulatorOptions {
  store: DemoStore;
  clock: DemoClock;
  /** Where metric queries go: a real Prometheus, or the mesh's MeshMetricProvider. */
  metrics: DemoMetricProvider;
  /** The demo loadtester; one is created when absent. */
  loadtester?: DemoLoadtester;
  /** How webhook URLs are reached; defaults to the loadtester for its URLs, "no such host" otherwise. */
  callWebhook?: WebhookCaller;
  /** Flagger's -mesh-provider, used in event texts (default "istio"). */
  meshProvider?: string;
  /** Demo seconds a Deployment's new pods take to become ready (default 5). */
  readyDelaySeconds?: number;
  /** Real milliseconds between ticks once started (default 200). */
  tickRealMs?: number;
  onError?: (error: unknown) => void;
}

interface Job {
  intervalMs: number;
  nextMs: number;
}

export class FlaggerSimulator {
  readonly loadtester: DemoLoadtester;
  readonly events: FlaggerEventRecorder;
  private readonly store: DemoStore;
  private readonly clock: DemoClock;
  private readonly scheduler: FlaggerScheduler;
  private readonly parts: SchedulerParts;
  private readonly deploymentStatus: DeploymentStatusSimulator;
  private readonly jobs = new Map<string, Job>();
  /** Canaries seen, with what their owner references point at, for garbage collection. */
  private readonly owned = new Map<string, Canary>();
  private readonly timer = new RepeatingTimer(() => {
    this.tick().catch((error: unknown) => this.options.onError?.(error));
  });
  private unwatch: (() => void) | undefined;
  private ticking = false;

  constructor(private readonly options: FlaggerSimulatorOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.loadtester = options.loadtester ?? new DemoLoadtester({ now: () => options.clock.nowMs() });
    const call = options.callWebhook ?? demoWebhookCaller(this.loadtester);
    this.events = new FlaggerEventRecorder(this.store, this.clock);
    const status = new CanaryStatusWriter(this.store, this.clock);
    const hooks = new WebhookRunner(call, this.events, status);
    this.parts = {
      deployments: new FlaggerDeploymentController(this.store),
      router: new IstioRouter(this.store),
      status,
      events: this.events,
      hooks,
      checks: new MetricChecks(this.store, options.metrics, this.events, options.meshProvider ?? "istio"),
    };
    this.scheduler = new FlaggerScheduler(this.store, this.parts);
    this.deploymentStatus = new DeploymentStatusSimulator(
      this.store,
      this.clock,
      options.readyDelaySeconds ?? 5,
    );
    // `type: event` webhooks hear every event; their answers do not matter.
    this.events.onEvent((canary, type, message) => {
      void hooks.event(canary, type, message, this.clock.nowMs()).catch(() => undefined);
    });
    this.watch();
  }

  start(): void {
    this.watch();
    this.timer.start(this.options.tickRealMs ?? 200);
  }

  stop(): void {
    this.timer.stop();
    this.unwatch?.();
    this.unwatch = undefined;
  }

  /** Runs every job that is due at the current demo time. Overlapping calls are skipped. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    this.watch();
    try {
      const canaries = this.canaries();
      this.collectGarbage(canaries);
      for (const canary of canaries) this.reconcileDeployments(canary);
      const now = this.clock.nowMs();
      for (const canary of canaries) {
        const key = canaryKey(canary);
        if (!canary.status?.conditions?.length) this.parts.status.setPhaseInitializing(canary);
        const intervalMs = analysisIntervalSeconds(canary) * 1000;
        let job = this.jobs.get(objectKey(key));
        if (!job || job.intervalMs !== intervalMs) {
          job = { intervalMs, nextMs: now };
          this.jobs.set(objectKey(key), job);
        }
        if (now < job.nextMs) continue;
        job.nextMs += intervalMs;
        if (job.nextMs <= now) job.nextMs = now + intervalMs;
        await this.scheduler.advance(key);
      }
      this.events.prune();
    } finally {
      this.ticking = false;
    }
  }

  /** Runs one analysis tick of one Canary now, whatever its schedule (for tests and tools). */
  async runOnce(key: { namespace: string; name: string }): Promise<void> {
    const canaryRef: ObjectKey = { kind: "Canary", ...key };
    const canary = this.scheduler.get(canaryRef);
    if (!canary) return;
    this.reconcileDeployments(canary);
    if (!canary.status?.conditions?.length) this.parts.status.setPhaseInitializing(canary);
    await this.scheduler.advance(canaryRef);
  }

  // Deployment writes start their readiness delay when they happen, not at the next tick.
  private watch(): void {
    this.unwatch ??= this.store.watch((event) => this.deploymentStatus.observe(event));
  }

  private canaries(): Canary[] {
    return this.store.list("Canary").flatMap((raw) => {
      const parsed = parseObject("Canary", raw);
      return parsed.ok ? [parsed.value] : [];
    });
  }

  private reconcileDeployments(canary: Canary): void {
    const ns = namespaceOf(canary);
    this.deploymentStatus.reconcile({ kind: "Deployment", namespace: ns, name: targetName(canary) });
    this.deploymentStatus.reconcile({ kind: "Deployment", namespace: ns, name: primaryName(canary) });
  }

  private collectGarbage(canaries: Canary[]): void {
    const present = new Map(canaries.map((c) => [objectKey(canaryKey(c)), c]));
    for (const [id, gone] of this.owned) {
      if (present.get(id)?.metadata.uid === gone.metadata.uid) continue;
      this.jobs.delete(id);
      this.owned.delete(id);
      const ns = namespaceOf(gone);
      for (const key of [
        { kind: "Deployment" as const, namespace: ns, name: primaryName(gone) },
        { kind: "VirtualService" as const, namespace: ns, name: canaryServiceNames(gone).apex },
      ]) {
        const owner = this.store.get(key)?.metadata.ownerReferences?.[0];
        if (owner?.kind === "Canary" && owner.uid === gone.metadata.uid) this.store.delete(key);
      }
    }
    for (const [id, canary] of present) this.owned.set(id, canary);
  }
}
