// The time span of a Canary's latest analysis run, for drawing its measurements. Flagger's Promoted
// condition changes status when a run starts (True/False → Unknown) and when it ends (→ True on
// success, False on failure), and keeps lastTransitionTime while the status stays the same: so during
// a run it is the run's start, and after one, the run's end.
import type { Canary } from "../schemas/flagger/canary";
import { analysisIntervalSeconds } from "./canary-analysis";

export interface RunWindow {
  startMs: number;
  endMs: number;
  /** Whether the start is the run's own (else: a default span before the end). */
  fromRunStart: boolean;
}

const MAX_SPAN_MS = 7 * 86_400_000;

export function canaryRunWindow(canary: Canary, nowMs: number, defaultSpanMs = 3_600_000): RunWindow {
  const promoted = canary.status?.conditions?.find((c) => c.type === "Promoted");
  const changed = Date.parse(promoted?.lastTransitionTime ?? "");
  const padMs = analysisIntervalSeconds(canary) * 1000;
  if (Number.isNaN(changed) || changed > nowMs)
    return { startMs: nowMs - defaultSpanMs, endMs: nowMs, fromRunStart: false };
  if (promoted?.status === "Unknown") {
    // In a run: from just before its first check until now (a week at most).
    return { startMs: Math.max(changed - padMs, nowMs - MAX_SPAN_MS), endMs: nowMs, fromRunStart: true };
  }
  if (promoted?.reason === "Succeeded" || promoted?.reason === "Failed") {
    // After a run: the span before it ended, and one more check after.
    return { startMs: changed - defaultSpanMs, endMs: Math.min(changed + padMs, nowMs), fromRunStart: false };
  }
  return { startMs: nowMs - defaultSpanMs, endMs: nowMs, fromRunStart: false }; // initialised, never run
}
