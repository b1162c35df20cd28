// Elects the one replica that writes what every replica would otherwise write twice (weight history,
// the analysis record, follow-ups). The lease is a row in the shared store, taken when free or
// expired and renewed well before it expires; a replica that stops renewing (killed, cut off) loses
// it after `ttlMs` and another takes over. The store is the one thing all replicas already share, so
// the election needs no extra permission in any cluster and works for a replica watching several.
import type { Kysely } from "kysely";
import type { Tables } from "./tables";

/** The one replica that writes shared history: elected in the store (WriterLease) or on a Kubernetes Lease. */
export interface WriterElection {
  readonly holder: string;
  readonly isHeld: boolean;
  onChange(listener: (held: boolean) => void): () => void;
  tryAcquire(): Promise<boolean>;
  /** Takes or renews the lease now and from then on; resolves with whether it is held. */
  start(): Promise<boolean>;
  /** Stops renewing and hands the lease back. */
  stop(): Promise<void>;
}

export interface WriterLeaseOptions {
  name?: string;
  /** This replica's identity (e.g. the pod name). */
  holder: string;
  ttlMs?: number;
  now?: () => number;
}

export class WriterLease implements WriterElection {
  readonly name: string;
  readonly holder: string;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private held = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(held: boolean) => void>();

  constructor(
    private readonly db: Kysely<Tables>,
    options: WriterLeaseOptions,
  ) {
    this.name = options.name ?? "writer";
    this.holder = options.holder;
    this.ttlMs = options.ttlMs ?? 15_000;
    this.now = options.now ?? Date.now;
  }

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
    const now = this.now();
    let held = false;
    try {
      await this.db
        .insertInto("leases")
        .values({ name: this.name, holder: this.holder, expires_ms: now + this.ttlMs })
        .onConflict((oc) =>
          oc
            .column("name")
            .doUpdateSet({ holder: this.holder, expires_ms: now + this.ttlMs })
            .where((eb) => eb.or([eb("leases.holder", "=", this.holder), eb("leases.expires_ms", "<", now)])),
        )
        .execute();
      const row = await this.db
        .selectFrom("leases")
        .select("holder")
        .where("name", "=", this.name)
        .executeTakeFirst();
      held = row?.holder === this.holder;
    } catch {
      // The store is unreachable: whoever cannot renew must stop writing.
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
    await this.db
      .deleteFrom("leases")
      .where("name", "=", this.name)
      .where("holder", "=", this.holder)
      .execute()
      .catch(() => undefined);
  }

  private set(held: boolean): void {
    if (held === this.held) return;
    this.held = held;
    for (const listener of this.listeners) listener(held);
  }
}
