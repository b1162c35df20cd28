// Sign-ins that went to the provider and have not come back yet. What the library must check on the
// way back (state, nonce, PKCE verifier) stays here, server-side; the browser holds only a random id in
// a short-lived cookie. Each entry is taken once (a replayed callback finds nothing), expires after ten
// minutes (a person who wandered off starts again) and the table is bounded (oldest go first), so
// nobody can grow it without limit by opening the login URL in a loop.
import { randomBytes } from "node:crypto";

export interface PendingLogin {
  state: string;
  nonce: string;
  pkceCodeVerifier: string;
  /** The redirect_uri sent to the provider; the token request must repeat it exactly. */
  redirectUri: string;
  /** A same-site path to land on afterwards. */
  returnTo: string;
}

export interface PendingLoginsOptions {
  lifetimeMs?: number;
  maxPending?: number;
  now?: () => number;
}

export class PendingLogins {
  private readonly pending = new Map<string, PendingLogin & { expiresAt: number }>();
  readonly lifetimeMs: number;
  private readonly maxPending: number;
  private readonly now: () => number;

  constructor(options: PendingLoginsOptions = {}) {
    this.lifetimeMs = options.lifetimeMs ?? 10 * 60 * 1000;
    this.maxPending = options.maxPending ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get lifetimeSeconds(): number {
    return Math.floor(this.lifetimeMs / 1000);
  }

  /** Keeps a login and returns the id for the browser's cookie. */
  add(login: PendingLogin): string {
    const id = randomBytes(32).toString("base64url");
    this.pending.set(id, { ...login, expiresAt: this.now() + this.lifetimeMs });
    // Insertion order is expiry order: the oldest are at the front.
    for (const [key, entry] of this.pending) {
      if (this.pending.size <= this.maxPending && entry.expiresAt > this.now()) break;
      this.pending.delete(key);
    }
    return id;
  }

  /** The login for a cookie value, removed so that it can be used only once; undefined if unknown or expired. */
  take(id: string | undefined): PendingLogin | undefined {
    if (!id || id.length > 128) return undefined;
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    if (entry.expiresAt <= this.now()) return undefined;
    const { expiresAt: _, ...login } = entry;
    return login;
  }

  get size(): number {
    return this.pending.size;
  }
}
