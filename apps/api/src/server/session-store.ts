// Server-side browser sessions. The cookie carries only an opaque random id: the token itself never
// leaves the sign-in request, a cookie replayed after sign-out or expiry opens nothing, and another
// server on the same host (cookies ignore ports) receives nothing it could use here for long. Ids are
// kept as SHA-256 hashes, so the table alone cannot be replayed either. Sessions live in the shared
// store: a browser that reaches another replica stays signed in, and a sign-out ends it everywhere.
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "@rollscope/shared/identity/actor";
import { z } from "zod";
import type { Database } from "../store/database";
import { parseJsonAs } from "../store/stored-json";

export interface Session {
  /** Who signed in. */
  actor: Actor;
  createdAt: number;
  expiresAt: number;
}

export interface SessionStoreOptions {
  /** How long a sign-in lasts: a working day, so a forgotten browser signs out. */
  lifetimeMs?: number;
  /** Bound on live sessions; the oldest go first. */
  maxSessions?: number;
  now?: () => number;
}

const actorSchema = z.object({
  name: z.string(),
  groups: z.array(z.string()),
  via: z.enum(["kubeconfig", "token", "oidc", "anonymous"]),
  impersonate: z.boolean(),
}) satisfies z.ZodType<Actor>;

const hashOf = (id: string) => createHash("sha256").update(id).digest("base64url");

/** Rows removed per sign-in at most, so one sign-in never pays for a backlog. */
const pruneBatch = 100;

export class SessionStore {
  private readonly lifetimeMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;

  constructor(
    /** Also where sign-ins on their way through a provider wait (see auth/oidc/pending-logins.ts). */
    readonly store: Database,
    options: SessionStoreOptions = {},
  ) {
    this.lifetimeMs = options.lifetimeMs ?? 12 * 60 * 60 * 1000;
    this.maxSessions = options.maxSessions ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get lifetimeSeconds(): number {
    return Math.floor(this.lifetimeMs / 1000);
  }

  /** Starts a session and returns the id to put in the cookie (never stored as such). */
  async create(actor: Actor): Promise<string> {
    const id = randomBytes(32).toString("base64url");
    const now = this.now();
    await this.store.db
      .insertInto("sessions")
      .values({
        id_hash: hashOf(id),
        created_ms: now,
        expires_ms: now + this.lifetimeMs,
        actor: JSON.stringify(actorSchema.parse(actor)),
      })
      .execute();
    await this.prune(now);
    return id;
  }

  /** The live session for a cookie value; an expired one is removed on sight. */
  async get(id: string | undefined): Promise<Session | undefined> {
    if (!id || id.length > 128) return undefined;
    const key = hashOf(id);
    const row = await this.store.db
      .selectFrom("sessions")
      .selectAll()
      .where("id_hash", "=", key)
      .executeTakeFirst();
    if (!row) return undefined;
    const actor = parseActor(row.actor);
    if (row.expires_ms <= this.now() || !actor) {
      // Expired, or not a session this version can read: either way it opens nothing, now or later.
      await this.store.db.deleteFrom("sessions").where("id_hash", "=", key).execute();
      return undefined;
    }
    return { actor, createdAt: row.created_ms, expiresAt: row.expires_ms };
  }

  /** Sign-out: the id opens nothing from now on, on any replica, wherever a copy of the cookie went. */
  async revoke(id: string | undefined): Promise<boolean> {
    if (!id || id.length > 128) return false;
    const deleted = await this.store.db
      .deleteFrom("sessions")
      .where("id_hash", "=", hashOf(id))
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  }

  /** Live sessions. */
  async count(): Promise<number> {
    const row = await this.store.db
      .selectFrom("sessions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("expires_ms", ">", this.now())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Removes expired sessions, then the oldest beyond the bound; each step at most `pruneBatch` rows. */
  private async prune(now: number): Promise<void> {
    const expired = await this.store.db
      .selectFrom("sessions")
      .select("id_hash")
      .where("expires_ms", "<=", now)
      .limit(pruneBatch)
      .execute();
    await this.remove(expired.map((r) => r.id_hash));
    const beyond = await this.store.db
      .selectFrom("sessions")
      .select("id_hash")
      // Newest first by expiry (the indexed column; every session lasts as long), so the oldest are beyond.
      .orderBy("expires_ms", "desc")
      .orderBy("id_hash", "desc")
      .limit(pruneBatch)
      .offset(this.maxSessions)
      .execute();
    await this.remove(beyond.map((r) => r.id_hash));
  }

  private async remove(hashes: string[]): Promise<void> {
    if (hashes.length > 0)
      await this.store.db.deleteFrom("sessions").where("id_hash", "in", hashes).execute();
  }
}

const parseActor = (text: string): Actor | undefined => parseJsonAs(actorSchema, text);
