// The simulated Argo Rollouts controller of the demo cluster. Each tick runs, in order, the pieces a
// real cluster runs concurrently: the ReplicaSet controller (pods), the AnalysisRun controller
// (measurements), the Experiment controller, and the Rollout controller, then garbage collection of
// objects whose owner is gone and of expired Events. Time comes from the injected clock only.
import type { DemoStore, RawObject } from "../demo-store";
import type { DemoMetricProvider } from "../metric-provider";
import { RepeatingTimer } from "../repeating-timer";
import { AnalysisRunner } from "./analysis-runner";
import type { SimClock } from "./clock";
import { EventRecorder } from "./event-recorder";
import { ExperimentController } from "./experiment-controller";
import { NameSuffixes } from "./hashing";
import { keyOf } from "./kube-objects";
import { ReplicaSetController } from "./replicaset-controller";
import type { ControllerEnv } from "./rollout-context";
import { reconcileRollout } from "./rollout-reconciler";

const MAX_SYNCS_PER_TICK = 5;

export interface ArgoRolloutsSimulatorOptions {
  store: DemoStore;
  clock: SimClock;
  metrics: DemoMetricProvider;
  /** Real milliseconds between ticks once started (default 500). */
  tickIntervalMs?: number;
  /** Demo seconds from Pod creation to Ready (default 5). */
  podReadySeconds?: number;
  /** Seed for generated pod names, so a demo is reproducible (default 42). */
  seed?: number;
  /** Called with anything a tick throws; the simulator keeps running (default console.error). */
  onError?: (error: unknown) => void;
}

export class ArgoRolloutsSimulator {
  readonly events: EventRecorder;
  private readonly env: ControllerEnv;
  private readonly replicaSets: ReplicaSetController;
  private readonly analysis: AnalysisRunner;
  private readonly experiments: ExperimentController;
  private readonly timer = new RepeatingTimer(() => {
    this.tick().catch(
      this.options.onError ?? ((error: unknown) => console.error("argo simulator tick failed", error)),
    );
  });
  private running: Promise<void> | undefined;

  constructor(private readonly options: ArgoRolloutsSimulatorOptions) {
    const { store, clock, metrics } = options;
    this.events = new EventRecorder(store, clock);
    this.env = { store, clock, events: this.events };
    this.replicaSets = new ReplicaSetController(store, clock, new NameSuffixes(options.seed ?? 42), {
      podReadySeconds: options.podReadySeconds ?? 5,
    });
    this.analysis = new AnalysisRunner(store, clock, metrics, this.events);
    this.experiments = new ExperimentController(this.env);
  }

  start(): void {
    this.timer.start(this.options.tickIntervalMs ?? 500);
  }

  stop(): void {
    this.timer.stop();
  }

  /** One pass of every simulated controller; concurrent calls share the pass in flight. */
  tick(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    const { store } = this.options;
    this.replicaSets.tick();
    await this.analysis.tick();
    this.experiments.tick();
    for (const rollout of store.list("Rollout")) this.syncRollout(rollout);
    this.replicaSets.tick();
    this.collectGarbage();
    this.events.prune();
  }

  /**
   * The real controller is requeued by the watch event of its own status write; re-syncing until the
   * Rollout stops changing (bounded) gives the same convergence within one tick.
   */
  private syncRollout(raw: RawObject): void {
    let current: RawObject | undefined = raw;
    for (let pass = 0; current && pass < MAX_SYNCS_PER_TICK; pass++) {
      reconcileRollout(this.env, current);
      const next = this.options.store.get(keyOf(current));
      if (next?.metadata.resourceVersion === current.metadata.resourceVersion) return;
      current = next;
    }
  }

  /** The garbage collector's part: controlled objects whose owner no longer exists are deleted. */
  private collectGarbage(): void {
    const { store } = this.options;
    const owners = new Set(
      [...store.list("Rollout"), ...store.list("Experiment")].map((o) => o.metadata.uid),
    );
    for (const kind of ["ReplicaSet", "AnalysisRun", "Experiment"] as const) {
      for (const raw of store.list(kind)) {
        const ref = raw.metadata.ownerReferences?.find(
          (r) => r.controller && (r.kind === "Rollout" || r.kind === "Experiment"),
        );
        if (ref && !owners.has(ref.uid)) store.delete(keyOf(raw));
      }
    }
  }
}
