// The real-time interval that drives a demo controller: started at most once, and never what keeps
// the process alive.
export class RepeatingTimer {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly run: () => void) {}

  start(realIntervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.run(), realIntervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
