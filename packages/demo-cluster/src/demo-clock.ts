// Demo time: minutes pass in seconds. Everything in the demo (controllers, mesh, timestamps) reads
// this clock, so `--demo-speed 60` makes a 60s pause last one real second.
export class DemoClock {
  private readonly realStart = Date.now();
  private readonly demoStart: number;

  constructor(
    readonly speed = 1,
    start = new Date(),
  ) {
    if (!(speed > 0)) throw new Error(`demo speed must be positive, got ${speed}`);
    this.demoStart = start.getTime();
  }

  /** Current demo time in epoch milliseconds. */
  nowMs(): number {
    return this.demoStart + (Date.now() - this.realStart) * this.speed;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** RFC 3339 without fractions, as Kubernetes writes timestamps. */
  timestamp(): string {
    return `${this.now().toISOString().slice(0, 19)}Z`;
  }

  /** Real milliseconds that correspond to `demoMs` of demo time. */
  realMs(demoMs: number): number {
    return demoMs / this.speed;
  }
}
