// Flagger's status writes (pkg/canary/status.go and the controller's setPhaseInitializing): each one
// re-reads the Canary, changes only its own fields and stamps lastTransitionTime, as the retry-on-
// conflict loops upstream do. The Promoted condition follows MakeStatusConditions.
import type { Canary } from "@rollscope/shared";
import type { DemoClock } from "../demo-clock";
import type { DemoStore } from "../demo-store";
import { canaryKey } from "./flagger-context";
import { computeHash } from "./template-hash";

type Status = Record<string, unknown>;
type Condition = {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
};

/** The Promoted condition's status and message for a phase (MakeStatusConditions). */
export function promotedCondition(kind: string, phase: string): { status: string; message: string } {
  switch (phase) {
    case "Initialized":
      return { status: "True", message: `${kind} initialization completed.` };
    case "Waiting":
    case "WaitingPromotion":
      return { status: "Unknown", message: "Waiting for approval." };
    case "Progressing":
      return { status: "Unknown", message: "New revision detected, progressing canary analysis." };
    case "Promoting":
      return { status: "Unknown", message: "Canary analysis completed, starting primary rolling update." };
    case "Finalising":
      return { status: "Unknown", message: "Canary analysis completed, routing all traffic to primary." };
    case "Succeeded":
      return { status: "True", message: "Canary analysis completed successfully, promotion finished." };
    case "Failed":
      return { status: "False", message: `Canary analysis failed, ${kind} scaled to zero.` };
    default:
      return { status: "Unknown", message: `New ${kind} detected, starting initialization.` };
  }
}

/** New conditions, or undefined when the Promoted condition already has this status and reason. */
function makeConditions(canary: Canary, phase: string, now: string): Condition[] | undefined {
  const kind = canary.spec.targetRef.kind;
  const { status, message } = promotedCondition(kind, phase);
  const current = canary.status?.conditions?.find((c) => c.type === "Promoted");
  if (current && current.status === status && current.reason === phase) return undefined;
  const keepTransition = current && current.status === status && current.lastTransitionTime;
  return [
    {
      type: "Promoted",
      status,
      reason: phase,
      message,
      lastUpdateTime: now,
      lastTransitionTime: keepTransition ? (current.lastTransitionTime as string) : now,
    },
  ];
}

export class CanaryStatusWriter {
  constructor(
    private readonly store: DemoStore,
    private readonly clock: DemoClock,
  ) {}

  /** syncHandler: a Canary without conditions is marked Initializing. */
  setPhaseInitializing(canary: Canary): void {
    const now = this.clock.timestamp();
    const conditions = makeConditions(canary, "Initializing", now);
    if (!conditions) return;
    this.write(canary, (status) => {
      status.phase = "Initializing";
      status.conditions = conditions;
      status.lastTransitionTime = now;
    });
  }

  /**
   * SyncStatus: phase, weight, failed checks and iterations from `next`, lastAppliedSpec = hash of the
   * target's pod template (lastPromotedSpec too when Initialized), trackedConfigs (the demo's targets
   * reference no ConfigMaps or Secrets, so the tracker's map is empty).
   */
  syncStatus(
    canary: Canary,
    next: { phase: string; canaryWeight?: number; failedChecks?: number; iterations?: number },
    targetTemplate: unknown,
  ): void {
    const hash = computeHash(targetTemplate);
    const now = this.clock.timestamp();
    const conditions = makeConditions(canary, next.phase, now);
    this.write(canary, (status) => {
      status.phase = next.phase;
      status.canaryWeight = next.canaryWeight ?? 0;
      status.failedChecks = next.failedChecks ?? 0;
      status.iterations = next.iterations ?? 0;
      status.lastAppliedSpec = hash;
      if (next.phase === "Initialized") status.lastPromotedSpec = hash;
      status.lastTransitionTime = now;
      status.trackedConfigs = {};
      if (conditions) status.conditions = conditions;
    });
  }

  /** SetStatusPhase, including the weight/iteration resets (with PR #1851: Promoting keeps the weight). */
  setPhase(canary: Canary, phase: string, analysisIterations: number): void {
    const now = this.clock.timestamp();
    this.write(canary, (status, latest) => {
      status.phase = phase;
      status.lastTransitionTime = now;
      if (phase !== "Progressing" && phase !== "Waiting" && phase !== "Promoting") {
        status.canaryWeight = 0;
        status.iterations = phase === "WaitingPromotion" ? analysisIterations - 1 : 0;
      }
      if (phase === "Initialized" || phase === "Succeeded") {
        status.lastPromotedSpec = canary.status?.lastAppliedSpec ?? latest.status?.lastAppliedSpec ?? "";
      }
      const conditions = makeConditions(latest, phase, now);
      if (conditions) status.conditions = conditions;
    });
  }

  setWeight(canary: Canary, weight: number): void {
    this.setField(canary, "canaryWeight", weight);
  }

  setFailedChecks(canary: Canary, failedChecks: number): void {
    this.setField(canary, "failedChecks", failedChecks);
  }

  setIterations(canary: Canary, iterations: number): void {
    this.setField(canary, "iterations", iterations);
  }

  private setField(canary: Canary, field: string, value: number): void {
    const now = this.clock.timestamp();
    this.write(canary, (status) => {
      status[field] = value;
      status.lastTransitionTime = now;
    });
  }

  private write(canary: Canary, change: (status: Status, latest: Canary) => void): void {
    const key = canaryKey(canary);
    const latest = this.store.get(key);
    if (!latest) return;
    // CanaryStatus serialises these without omitempty, so they are always present.
    const status: Status = { phase: "", failedChecks: 0, canaryWeight: 0, iterations: 0, ...latest.status };
    change(status, latest as unknown as Canary);
    this.store.updateStatus(key, status);
  }
}
