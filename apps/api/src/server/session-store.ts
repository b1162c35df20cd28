// Server-side browser sessions. The cookie carries only an opaque random id: the token itself never
// leaves the sign-in request, a cookie replayed after sign-out or expiry opens nothing, and another
// server on the same host (cookies ignore ports) receives nothing it could use here for long. Ids are
// kept as SHA-256 hashes, so the table alone cannot be replayed either.
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "../identity/actor";

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

const hashOf = (id: string) => createHash("sha256").update(id).digest("base64url");

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly lifetimeMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;

  constructor(options: SessionStoreOptions = {}) {
    this.lifetimeMs = options.lifetimeMs ?? 12 * 60 * 60 * 1000;
    this.maxSessions = options.maxSessions ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get lifetimeSeconds(): number {
    return Math.floor(this.lifetimeMs / 1000);
  }

  /** Starts a session and returns the id to put in the cookie (never stored as such). */
  create(actor: Actor): string {
    const id = randomBytes(32).toString("base64url");
    const now = this.now();
    this.sessions.set(hashOf(id), { actor, createdAt: now, expiresAt: now + this.lifetimeMs });
    while (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    return id;
  }

  /** The live session for a cookie value; expired ones are dropped on sight. */
  get(id: string | undefined): Session | undefined {
    if (!id || id.length > 128) return undefined;
    const key = hashOf(id);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(key);
      return undefined;
    }
    return session;
  }

  /** Sign-out: the id opens nothing from now on, wherever a copy of the cookie went. */
  revoke(id: string | undefined): boolean {
    return id ? this.sessions.delete(hashOf(id)) : false;
  }

  get size(): number {
    return this.sessions.size;
  }
}
