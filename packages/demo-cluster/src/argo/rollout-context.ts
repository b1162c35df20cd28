// Everything one reconcile of one Rollout works with (upstream rolloutContext): the Rollout as read,
// its resolved pod template and hash, its ReplicaSets split into new/stable/other, its current and
// older AnalysisRuns and Experiments, and the status being built.
import type {
  AnalysisRun,
  Condition,
  Experiment,
  ObjectOfKind,
  PodTemplate,
  Rollout,
  RolloutStatus,
} from "@rollscope/shared";
import type { DemoStore } from "../demo-store";
import type { SimClock } from "./clock";
import type { EventRecorder } from "./event-recorder";
import { podTemplateHash } from "./hashing";
import { clone, hashOf, isControlledBy, parsed } from "./kube-objects";
import { PauseContext } from "./pause-context";

export type ReplicaSet = ObjectOfKind<"ReplicaSet">;

export interface ControllerEnv {
  store: DemoStore;
  clock: SimClock;
  events: EventRecorder;
}

export interface CurrentAnalysisRuns {
  step?: AnalysisRun;
  background?: AnalysisRun;
  pre?: AnalysisRun;
  post?: AnalysisRun;
}

export class RolloutContext {
  readonly prev: RolloutStatus;
  readonly template: PodTemplate;
  readonly hash: string;
  readonly allRSs: ReplicaSet[];
  newRS: ReplicaSet | undefined;
  readonly stableRS: ReplicaSet | undefined;
  /** Working copy of the conditions; calculateBaseStatus copies it into the new status. */
  conditions: Condition[];
  readonly newStatus: RolloutStatus;
  readonly pause: PauseContext;
  currentArs: CurrentAnalysisRuns = {};
  readonly otherArs: AnalysisRun[] = [];
  currentEx: Experiment | undefined;
  readonly otherExs: Experiment[];

  constructor(
    readonly env: ControllerEnv,
    public rollout: Rollout,
    template: PodTemplate,
  ) {
    const { store, clock } = env;
    const ns = rollout.metadata.namespace ?? "default";
    const uid = rollout.metadata.uid;
    this.prev = clone(rollout.status ?? {});
    this.template = template;
    this.hash = podTemplateHash(template, this.collisionCount());
    this.allRSs = store
      .list("ReplicaSet", ns)
      .map((raw) => parsed("ReplicaSet", raw))
      .filter((rs): rs is ReplicaSet => rs !== undefined && isControlledBy(rs, uid));
    this.newRS = this.allRSs.find((rs) => hashOf(rs) === this.hash);
    this.stableRS = this.prev.stableRS
      ? this.allRSs.find((rs) => hashOf(rs) === this.prev.stableRS)
      : undefined;
    this.conditions = clone(this.prev.conditions ?? []);
    this.pause = new PauseContext(this.prev, () => clock.timestamp());
    // Fields the controller carries from one reconcile to the next; the rest is recomputed.
    this.newStatus = {
      ...(this.prev.restartedAt ? { restartedAt: this.prev.restartedAt } : {}),
      canary: this.prev.canary?.weights ? { weights: clone(this.prev.canary.weights) } : {},
      blueGreen: {},
    };
    const runs = store
      .list("AnalysisRun", ns)
      .map((raw) => parsed("AnalysisRun", raw))
      .filter((r): r is AnalysisRun => r !== undefined && isControlledBy(r, uid));
    const refs = {
      step: this.prev.canary?.currentStepAnalysisRunStatus?.name,
      background: this.prev.canary?.currentBackgroundAnalysisRunStatus?.name,
      pre: this.prev.blueGreen?.prePromotionAnalysisRunStatus?.name,
      post: this.prev.blueGreen?.postPromotionAnalysisRunStatus?.name,
    };
    for (const run of runs) {
      const role = (Object.keys(refs) as Array<keyof typeof refs>).find((k) => refs[k] === run.metadata.name);
      if (role) this.currentArs[role] = run;
      else this.otherArs.push(run);
    }
    const experiments = store
      .list("Experiment", ns)
      .map((raw) => parsed("Experiment", raw))
      .filter((e): e is Experiment => e !== undefined && isControlledBy(e, uid));
    const currentName = this.prev.canary?.currentExperiment;
    this.currentEx = currentName ? experiments.find((e) => e.metadata.name === currentName) : undefined;
    this.otherExs = experiments.filter((e) => e !== this.currentEx);
  }

  get replicas(): number {
    return this.rollout.spec.replicas ?? 1;
  }

  /** Every ReplicaSet but the new one. */
  get olderRSs(): ReplicaSet[] {
    return this.allRSs.filter((rs) => rs !== this.newRS);
  }

  /** Neither new nor stable. */
  get otherRSs(): ReplicaSet[] {
    return this.allRSs.filter((rs) => rs !== this.newRS && rs !== this.stableRS);
  }

  get revision(): number {
    const n = Number.parseInt(this.rollout.metadata.annotations?.["rollout.argoproj.io/revision"] ?? "", 10);
    return Number.isNaN(n) ? 0 : n;
  }

  now(): string {
    return this.env.clock.timestamp();
  }

  private collisionCount(): number | undefined {
    const value = (this.prev as { collisionCount?: unknown }).collisionCount;
    return typeof value === "number" ? value : undefined;
  }
}
