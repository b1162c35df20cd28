// A DemoClock that only moves when told to. Subclassing keeps it usable wherever a DemoClock is
// expected (DemoStore timestamps included).
import { DemoClock } from "./demo-clock";

export class ManualClock extends DemoClock {
  private current: number;

  constructor(start = new Date("2026-01-05T10:00:00Z")) {
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
