// What both writer elections share: hold a lease by renewing it at a third of its lifetime, tell
// listeners when it is won or lost, count it lost when a renewal fails (whoever cannot renew must
// stop writing), and hand it back on stop so another replica takes over at once. Subclasses say how
// the lease is taken or renewed, and how it is given back.
import type { WriterElection } from "./writer-lease";

export abstract class RenewedLease implements WriterElection {
  private held = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(held: boolean) => void>();

  constructor(
    readonly holder: string,
    protected readonly ttlMs: number,
    protected readonly now: () => number,
  ) {}

  /** Whether this replica holds the lease now. */
  get isHeld(): boolean {
    return this.held;
  }

  onChange(listener: (held: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes the lease if it is free, expired or already ours; resolves with whether we hold it. */
  async tryAcquire(): Promise<boolean> {
    let held = false;
    try {
      held = await this.acquireOrRenew();
    } catch {
      // Unreachable or refused: whoever cannot renew must stop writing.
      held = false;
    }
    this.set(held);
    return held;
  }

  /** Keeps trying to take or renew the lease, at a third of its lifetime. */
  start(): Promise<boolean> {
    const first = this.tryAcquire();
    this.timer = setInterval(() => void this.tryAcquire(), Math.max(100, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
    return first;
  }

  /** Stops renewing and hands the lease back, so another replica takes over at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.held) return;
    this.set(false);
    // If it cannot be handed back, it expires on its own.
    await this.release().catch(() => undefined);
  }

  /** Takes or renews the lease; resolves with whether this replica holds it now. */
  protected abstract acquireOrRenew(): Promise<boolean>;

  /** Gives the lease back, if it is still ours. */
  protected abstract release(): Promise<void>;

  private set(held: boolean): void {
    if (held === this.held) return;
    this.held = held;
    for (const listener of this.listeners) listener(held);
  }
}
