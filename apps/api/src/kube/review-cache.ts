// Access-review answers kept briefly: the UI asks for every action button of every delivery, per
// person, and RBAC rarely changes within seconds. Identical questions in flight share one request.
// Keyed per person, the map would grow with everyone who ever signed in, so expired answers are swept
// once it passes a bound, and the oldest go first if it is still over.

export class ReviewCache {
  private readonly answers = new Map<string, { allowed: boolean; expires: number }>();
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached answer for `key`, or `ask()`'s (cached when it resolves; a rejection is not kept). */
  answer(key: string, ask: () => Promise<boolean>): Promise<boolean> {
    const cached = this.answers.get(key);
    if (cached && cached.expires > this.now()) return Promise.resolve(cached.allowed);
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const asked = ask()
      .then((allowed) => {
        this.remember(key, allowed);
        return allowed;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, asked);
    return asked;
  }

  clear(): void {
    this.answers.clear();
  }

  get size(): number {
    return this.answers.size;
  }

  private remember(key: string, allowed: boolean): void {
    this.answers.delete(key);
    this.answers.set(key, { allowed, expires: this.now() + this.ttlMs });
    if (this.answers.size <= this.maxEntries) return;
    const now = this.now();
    for (const [k, v] of this.answers) if (v.expires <= now) this.answers.delete(k);
    // Insertion order is age order (a refreshed key is re-inserted above). Evicting a tenth more than
    // needed keeps a full cache from sweeping on every insert.
    const keep = Math.floor(this.maxEntries * 0.9);
    for (const k of this.answers.keys()) {
      if (this.answers.size <= keep) break;
      this.answers.delete(k);
    }
  }
}
