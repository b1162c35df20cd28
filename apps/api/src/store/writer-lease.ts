// Elects the one replica that writes what every replica would otherwise write twice (weight history,
// the analysis record, follow-ups). The lease is a row in the shared store, taken when free or
// expired and renewed well before it expires; a replica that stops renewing (killed, cut off) loses
// it after `ttlMs` and another takes over. The store is the one thing all replicas already share, so
// the election needs no extra permission in any cluster and works for a replica watching several.
import type { Kysely } from "kysely";
import { RenewedLease } from "./renewed-lease";
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

export class WriterLease extends RenewedLease {
  readonly name: string;

  constructor(
    private readonly db: Kysely<Tables>,
    options: WriterLeaseOptions,
  ) {
    super(options.holder, options.ttlMs ?? 15_000, options.now ?? Date.now);
    this.name = options.name ?? "writer";
  }

  protected async acquireOrRenew(): Promise<boolean> {
    const now = this.now();
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
    return row?.holder === this.holder;
  }

  protected async release(): Promise<void> {
    await this.db
      .deleteFrom("leases")
      .where("name", "=", this.name)
      .where("holder", "=", this.holder)
      .execute();
  }
}
