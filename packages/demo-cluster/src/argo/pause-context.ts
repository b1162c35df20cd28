// rollout/pause.go: what one reconcile decides about pausing and aborting, applied to the new status
// at the end (CalculatePauseStatus). An abort clears every pause condition and controllerPause.
import type { RolloutStatus } from "@rollscope/shared";

export type PauseReason =
  | "CanaryPauseStep"
  | "BlueGreenPause"
  | "InconclusiveAnalysisRun"
  | "InconclusiveExperiment";

type PauseCondition = { reason: string; startTime?: string | null };

export class PauseContext {
  private readonly addReasons: PauseReason[] = [];
  private readonly removeReasons: PauseReason[] = [];
  private clearConditions = false;
  private addAbortFlag = false;
  private removeAbortFlag = false;
  abortMessage = "";

  constructor(
    private readonly prev: RolloutStatus,
    private readonly now: () => string,
  ) {}

  hasAddPause(): boolean {
    return this.addReasons.length > 0;
  }

  isAborted(): boolean {
    if (this.removeAbortFlag) return false;
    return this.addAbortFlag || Boolean(this.prev.abort);
  }

  addAbort(message: string): void {
    this.addAbortFlag = true;
    this.abortMessage = message;
  }

  removeAbort(): void {
    this.removeAbortFlag = true;
  }

  addPauseCondition(reason: PauseReason): void {
    this.addReasons.push(reason);
  }

  removePauseCondition(reason: PauseReason): void {
    this.removeReasons.push(reason);
  }

  clearPauseConditions(): void {
    this.clearConditions = true;
  }

  getPauseCondition(reason: PauseReason): PauseCondition | undefined {
    return (this.prev.pauseConditions ?? []).find((c) => c.reason === reason);
  }

  /** CalculatePauseStatus: abort, abortedAt, pauseConditions and controllerPause of the new status. */
  apply(status: RolloutStatus): void {
    if (this.addAbortFlag || (!this.removeAbortFlag && this.prev.abort)) {
      status.abort = true;
      // Keep the first abort time, or every reconcile would rewrite it.
      status.abortedAt = this.prev.abortedAt ?? this.now();
      return;
    }
    status.abort = false;
    delete status.abortedAt;
    if (this.clearConditions) return;
    let controllerPause = Boolean(this.prev.controllerPause);
    const removing = new Set<string>(this.removeReasons);
    const existing = new Set<string>();
    const conditions: PauseCondition[] = [];
    for (const cond of this.prev.pauseConditions ?? []) {
      if (!removing.has(cond.reason)) conditions.push(cond);
      existing.add(cond.reason);
    }
    for (const reason of this.addReasons) {
      if (existing.has(reason)) continue;
      existing.add(reason);
      conditions.push({ reason, startTime: this.now() });
      controllerPause = true;
    }
    if (conditions.length === 0) return;
    status.controllerPause = controllerPause;
    status.pauseConditions = conditions;
  }
}
