// One analysis tick of one Canary: Flagger's advanceCanary (pkg/controller/scheduler.go), in its
// order — suspend, initialise, idle unless something changed, readiness, confirm-rollout and new
// revisions, skipAnalysis, rollback hooks, promotion, failed-checks rollback, analysis, then a step.
import {
  analysisMaxWeight,
  analysisThreshold,
  type Canary,
  canaryAnalysis,
  nextStepWeight,
  parseObject,
} from "@rollscope/shared";
import type { ObjectKey } from "@rollscope/shared/cluster/object-key";
import type { DemoStore } from "../demo-store";
import { analysisIterations, hasMatch, namespaceOf, skipsAnalysis, targetName } from "./flagger-context";
import {
  finalise,
  promoteSkippingAnalysis,
  rollback,
  runAB,
  runBlueGreen,
  runCanary,
  runPromotionTrafficShift,
  type SchedulerParts,
} from "./strategies";

const ACTIVE = new Set(["Progressing", "Waiting", "WaitingPromotion", "Promoting", "Finalising"]);
const RUNNING = new Set(["Progressing", "WaitingPromotion", "Promoting", "Finalising"]);

export class FlaggerScheduler {
  constructor(
    private readonly store: DemoStore,
    private readonly p: SchedulerParts,
  ) {}

  /** A direct GET, as each tick starts with (not the informer cache). */
  get(key: ObjectKey): Canary | undefined {
    const raw = this.store.get(key);
    if (!raw) return undefined;
    const parsed = parseObject("Canary", raw);
    return parsed.ok ? parsed.value : undefined;
  }

  async advance(key: ObjectKey): Promise<void> {
    const cd = this.get(key);
    if (!cd) return;
    try {
      await this.advanceCanary(cd, key);
    } catch (error) {
      // Upstream records any API or router error as a Warning "%v" and ends the tick.
      this.p.events.warning(cd, (error as Error).message);
    }
  }

  private async advanceCanary(cd: Canary, key: ObjectKey): Promise<void> {
    const { p } = this;
    if (cd.spec.suspend) {
      p.events.info(cd, "skipping canary run as object is suspended");
      return;
    }
    const phase = cd.status?.phase ?? "";
    const initialising = phase === "" || phase === "Initializing";
    if (!skipsAnalysis(cd) && initialising) p.events.info(cd, "all the metrics providers are available!");

    // Initialize: the primary exists and, on first run, is ready before the target is scaled down.
    p.deployments.ensurePrimary(cd);
    if (initialising) {
      const gate = p.deployments.primaryGate(cd);
      if (!gate.ready) {
        p.events.warning(cd, gate.message);
        return;
      }
    }
    p.router.reconcile(cd);
    if (initialising) {
      p.deployments.scaleToZero(cd);
      p.status.syncStatus(cd, { phase: "Initialized" }, p.deployments.targetTemplate(cd));
      const synced = this.get(key);
      cd.status = {
        ...cd.status,
        phase: "Initialized",
        lastAppliedSpec: synced?.status?.lastAppliedSpec ?? null,
      };
      p.events.info(cd, `Initialization done! ${cd.metadata.name}.${namespaceOf(cd)}`);
    }

    if (!this.shouldAdvance(cd)) return;

    if (!skipsAnalysis(cd)) {
      const primary = p.deployments.isPrimaryReady(cd);
      if (!primary.ready) {
        p.events.warning(cd, primary.message);
        if (!primary.retriable) await rollback(p, cd, analysisThreshold(cd));
        return;
      }
    }
    const routes = p.router.getRoutes(cd);
    if ("error" in routes) {
      p.events.warning(cd, routes.error);
      return;
    }
    if (!(await this.checkCanaryStatus(cd, key))) return;

    // New revision while analysing: back to weight 0 and start over.
    if (
      (cd.status?.phase === "Progressing" || cd.status?.phase === "WaitingPromotion") &&
      p.deployments.hasTargetChanged(cd)
    ) {
      p.router.setRoutes(cd, 100, 0, false);
      p.status.syncStatus(cd, { phase: "Progressing" }, p.deployments.targetTemplate(cd));
      p.events.info(
        this.get(key) ?? cd,
        `New revision detected! Restarting analysis for ${targetName(cd)}.${namespaceOf(cd)}`,
      );
      return;
    }

    const canaryReady = p.deployments.isCanaryReady(cd);
    if (!canaryReady.ready) {
      p.events.warning(cd, canaryReady.message);
      if (!canaryReady.retriable) await rollback(p, cd, analysisThreshold(cd));
      return;
    }
    if (skipsAnalysis(cd)) {
      promoteSkippingAnalysis(p, cd);
      return;
    }

    const current = cd.status?.phase ?? "";
    if (current === "Progressing" || current === "Waiting" || current === "WaitingPromotion") {
      if (await p.hooks.rollback(cd, current)) {
        p.events.warning(cd, `Rolling back ${cd.metadata.name}.${namespaceOf(cd)} manual webhook invoked`);
        await rollback(p, cd, analysisThreshold(cd));
        return;
      }
    }
    if (current === "Promoting") {
      runPromotionTrafficShift(p, cd, routes);
      return;
    }
    if (current === "Finalising") {
      await finalise(p, cd);
      return;
    }

    // The failed-checks threshold is checked before this tick's analysis (so a patched
    // status.failedChecks rolls back at the next tick).
    const threshold = analysisThreshold(cd);
    if (
      (current === "Progressing" || current === "WaitingPromotion") &&
      (cd.status?.failedChecks ?? 0) >= threshold
    ) {
      await rollback(p, cd, threshold);
      return;
    }

    const analysis = canaryAnalysis(cd);
    const iterationsDone = cd.status?.iterations ?? 0;
    if (routes.canaryWeight === 0 && iterationsDone === 0 && !(analysis.mirror && routes.mirrored)) {
      p.events.info(cd, `Starting canary analysis for ${targetName(cd)}.${namespaceOf(cd)}`);
      if (!(await p.hooks.preRollout(cd))) {
        p.status.setFailedChecks(cd, (cd.status?.failedChecks ?? 0) + 1);
        return;
      }
    } else if (!(await this.runAnalysis(cd))) {
      p.status.setFailedChecks(cd, (cd.status?.failedChecks ?? 0) + 1);
      return;
    }

    const iterations = analysisIterations(cd);
    if (hasMatch(cd) && iterations > 0) {
      await runAB(p, cd);
      return;
    }
    if (iterations > 0) {
      await runBlueGreen(p, cd, routes.mirrored);
      return;
    }
    if (nextStepWeight(cd, routes.canaryWeight) > 0) {
      const gated = current === "Promoting" || current === "WaitingPromotion" || current === "Finalising";
      if (!routes.mirrored && !gated && !(await p.hooks.confirmTrafficIncrease(cd))) return;
      await runCanary(p, cd, routes, analysisMaxWeight(cd));
    }
  }

  /** shouldAdvance: a run in flight, or a new target revision (Failed first re-syncs its status). */
  private shouldAdvance(cd: Canary): boolean {
    const phase = cd.status?.phase ?? "";
    if (ACTIVE.has(phase)) return true;
    if (phase === "Failed") {
      const s = cd.status ?? {};
      this.p.status.syncStatus(
        cd,
        {
          phase: "Failed",
          canaryWeight: s.canaryWeight ?? 0,
          failedChecks: s.failedChecks ?? 0,
          iterations: s.iterations ?? 0,
        },
        this.p.deployments.targetTemplate(cd),
      );
    }
    return this.p.deployments.hasTargetChanged(cd);
  }

  /**
   * checkCanaryStatus: true while a run is in flight. Otherwise a new revision: sync to Progressing
   * (so webhook checksums are current), pass the confirm-rollout gate, scale the canary up.
   */
  private async checkCanaryStatus(cd: Canary, key: ObjectKey): Promise<boolean> {
    const { p } = this;
    if (RUNNING.has(cd.status?.phase ?? "")) return true;
    p.status.syncStatus(cd, { phase: "Progressing" }, p.deployments.targetTemplate(cd));
    const fresh = this.get(key);
    if (!fresh) return false;
    if (!(await p.hooks.confirmRollout(fresh))) return false;
    const progressing = { ...fresh, status: { ...fresh.status, phase: "Progressing" } };
    p.events.info(
      progressing,
      `New revision detected! Scaling up ${targetName(fresh)}.${namespaceOf(fresh)}`,
    );
    p.deployments.scaleFromZero(fresh);
    p.status.syncStatus(fresh, { phase: "Progressing" }, p.deployments.targetTemplate(fresh));
    return false;
  }

  /** runAnalysis: rollout webhooks, then the metrics. */
  private async runAnalysis(cd: Canary): Promise<boolean> {
    if (!(await this.p.hooks.rollout(cd))) return false;
    return this.p.checks.run(cd);
  }
}
