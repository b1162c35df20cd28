// Sign-ins that went to the provider and have not come back yet. What the library must check on the
// way back (state, nonce, PKCE verifier) stays server-side, in the store every replica shares (the
// provider's callback may reach another replica than the one that sent the browser away); the
// browser holds only a random id in a short-lived cookie, and only its hash is stored. Each entry is
// taken once (a replayed callback finds nothing), expires after ten minutes (a person who wandered off
// starts again) and the table is bounded (oldest go first), so nobody can grow it without limit by
// opening the login URL in a loop.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Database } from "../../store/database";

const pendingLoginSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  pkceCodeVerifier: z.string(),
  /** The redirect_uri sent to the provider; the token request must repeat it exactly. */
  redirectUri: z.string(),
  /** A same-site path to land on afterwards. */
  returnTo: z.string(),
});
export type PendingLogin = z.infer<typeof pendingLoginSchema>;

export interface PendingLoginsOptions {
  lifetimeMs?: number;
  maxPending?: number;
  now?: () => number;
}

const hashOf = (id: string) => createHash("sha256").update(id).digest("base64url");

export class PendingLogins {
  readonly lifetimeMs: number;
  private readonly maxPending: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Database,
    options: PendingLoginsOptions = {},
  ) {
    this.lifetimeMs = options.lifetimeMs ?? 10 * 60 * 1000;
    this.maxPending = options.maxPending ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get lifetimeSeconds(): number {
    return Math.floor(this.lifetimeMs / 1000);
  }

  /** Keeps a login and returns the id for the browser's cookie. */
  async add(login: PendingLogin): Promise<string> {
    const id = randomBytes(32).toString("base64url");
    const { db } = this.store;
    await db.deleteFrom("oidc_pending_logins").where("expires_ms", "<=", this.now()).execute();
    await db
      .insertInto("oidc_pending_logins")
      .values({ id_hash: hashOf(id), expires_ms: this.now() + this.lifetimeMs, login: JSON.stringify(login) })
      .execute();
    const count = await this.size();
    if (count > this.maxPending) {
      const oldest = await db
        .selectFrom("oidc_pending_logins")
        .select("id_hash")
        .orderBy("expires_ms", "asc")
        .limit(count - this.maxPending)
        .execute();
      await db
        .deleteFrom("oidc_pending_logins")
        .where(
          "id_hash",
          "in",
          oldest.map((r) => r.id_hash),
        )
        .execute();
    }
    return id;
  }

  /** The login for a cookie value, removed so that it can be used only once; undefined if unknown or expired. */
  async take(id: string | undefined): Promise<PendingLogin | undefined> {
    if (!id || id.length > 128) return undefined;
    const key = hashOf(id);
    const { db } = this.store;
    const row = await db
      .selectFrom("oidc_pending_logins")
      .selectAll()
      .where("id_hash", "=", key)
      .executeTakeFirst();
    if (!row) return undefined;
    // Whoever deletes the row owns the login: two callbacks racing (on two replicas) cannot both use it.
    const deleted = await db.deleteFrom("oidc_pending_logins").where("id_hash", "=", key).executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1 || row.expires_ms <= this.now()) return undefined;
    try {
      return pendingLoginSchema.parse(JSON.parse(row.login));
    } catch {
      return undefined;
    }
  }

  async size(): Promise<number> {
    const row = await this.store.db
      .selectFrom("oidc_pending_logins")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
