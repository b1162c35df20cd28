// Failed sign-ins and bearer attempts, counted per client: after a handful in a window the client is
// refused until the window ends, so a token cannot be guessed at thousands of tries a second.

export interface AuthThrottleOptions {
  maxFailures?: number;
  windowMs?: number;
  /** Bound on remembered clients; the oldest are forgotten first. */
  maxClients?: number;
  now?: () => number;
}

interface Failures {
  count: number;
  windowStart: number;
}

export class AuthThrottle {
  private readonly clients = new Map<string, Failures>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(options: AuthThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Seconds the client must wait before trying again, or 0 when it may try now. */
  retryAfterSeconds(client: string): number {
    const entry = this.current(client);
    if (!entry || entry.count < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((entry.windowStart + this.windowMs - this.now()) / 1000));
  }

  fail(client: string): void {
    const entry = this.current(client) ?? { count: 0, windowStart: this.now() };
    entry.count += 1;
    this.clients.delete(client); // re-inserted last, so the map stays ordered by recency
    this.clients.set(client, entry);
    while (this.clients.size > this.maxClients) {
      const oldest = this.clients.keys().next().value;
      if (oldest === undefined) break;
      this.clients.delete(oldest);
    }
  }

  succeed(client: string): void {
    this.clients.delete(client);
  }

  private current(client: string): Failures | undefined {
    const entry = this.clients.get(client);
    if (entry && entry.windowStart + this.windowMs <= this.now()) {
      this.clients.delete(client);
      return undefined;
    }
    return entry;
  }
}
