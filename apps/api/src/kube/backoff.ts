// Exponential backoff with jitter, for restarting informers and discovery. Jitter spreads the
// reconnects of many informers (and many Rollscope replicas) after an API server restart.
export interface BackoffOptions {
  /** First delay (ms). Default 1 000. */
  initialMs?: number;
  /** Cap (ms). Default 30 000. */
  maxMs?: number;
}

export class Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  private attempt = 0;

  constructor(
    options: BackoffOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.initialMs = options.initialMs ?? 1_000;
    this.maxMs = Math.max(options.maxMs ?? 30_000, this.initialMs);
  }

  /** The next delay: the capped exponential, of which the upper half is randomised ("equal jitter"). */
  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    if (base < this.maxMs) this.attempt += 1;
    return Math.round(base / 2 + (this.random() * base) / 2);
  }

  reset(): void {
    this.attempt = 0;
  }
}
