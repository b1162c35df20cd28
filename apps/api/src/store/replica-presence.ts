// Which Rollscope processes are alive, as each one says by refreshing a row in the shared store. An
// action left `started` by a process that is no longer alive will never get its result written, so
// the survivors mark it interrupted; one started by a live replica is still in flight.
import type { Kysely } from "kysely";
import type { Tables } from "./tables";

const prefix = "replica:";

export class ReplicaPresence {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Kysely<Tables>,
    /** Unique per process start, so a restarted replica is never taken for its previous life. */
    readonly holder: string,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch(() => undefined), Math.floor(this.ttlMs / 3));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.db
      .deleteFrom("leases")
      .where("name", "=", prefix + this.holder)
      .execute()
      .catch(() => undefined);
  }

  /** Holders whose presence is fresh (this process always counts as alive). */
  async liveHolders(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom("leases")
      .select(["name"])
      .where("name", "like", `${prefix}%`)
      .where("expires_ms", ">", this.now())
      .execute();
    const live = new Set(rows.map((r) => r.name.slice(prefix.length)));
    live.add(this.holder);
    return live;
  }

  private async beat(): Promise<void> {
    const expires = this.now() + this.ttlMs;
    await this.db
      .insertInto("leases")
      .values({ name: prefix + this.holder, holder: this.holder, expires_ms: expires })
      .onConflict((oc) => oc.column("name").doUpdateSet({ expires_ms: expires }))
      .execute();
    // Presence rows of processes long gone are removed by whoever is alive.
    await this.db
      .deleteFrom("leases")
      .where("name", "like", `${prefix}%`)
      .where("expires_ms", "<", this.now() - 24 * 60 * 60 * 1000)
      .execute();
  }
}
