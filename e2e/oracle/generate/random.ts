// A seeded source of choices, so one seed always generates the same states.
import { SAFE_ALPHANUMS } from "@rollscope/shared/encoding/safe-encode";
import { seededRandom } from "@rollscope/shared/testing/mangle";

export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A pod-template-hash as Kubernetes writes it (rand.SafeEncodeString's alphabet). */
  hash(): string {
    return Array.from({ length: 10 }, () => SAFE_ALPHANUMS[this.int(0, SAFE_ALPHANUMS.length - 1)]).join("");
  }

  /** A time in 2026, written as an API server writes metav1.Time. */
  time(): string {
    const ms = Date.UTC(2026, 0, 1) + this.int(0, 300 * 24 * 3600) * 1000;
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  }
}
