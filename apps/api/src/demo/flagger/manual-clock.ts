// A DemoClock that only moves when told to, for tests: every analysis interval and readiness delay
// is decided by the test, never by wall-clock speed.
import { DemoClock } from "../demo-clock";

export class ManualClock extends DemoClock {
  private current: number;

  constructor(start = new Date("2026-03-02T09:00:00Z")) {
    super(1, start);
    this.current = start.getTime();
  }

  override nowMs(): number {
    return this.current;
  }

  /** Moves demo time forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`cannot move time backwards (${ms}ms)`);
    this.current += ms;
  }
}
