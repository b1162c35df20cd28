// Names and hashes shaped like the controller's: pod-template-hash and step hash are FNV-32a of the
// object, printed in decimal and mapped onto Kubernetes' "safe" alphabet (rand.SafeEncodeString), so
// they look and behave like the real ones (stable for equal templates, 7-10 lowercase characters).

const SAFE_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  const bytes = new TextEncoder().encode(text);
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function safeEncode(text: string): string {
  let out = "";
  for (const ch of text) out += SAFE_ALPHANUMS[(ch.codePointAt(0) ?? 0) % SAFE_ALPHANUMS.length];
  return out;
}

/** JSON with sorted keys and without null/undefined, so equal content hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null) return undefined;
    if (typeof v !== "object" || Array.isArray(v)) return v;
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
}

/** hash.ComputePodTemplateHash: the template plus the collision count, if any. */
export function podTemplateHash(template: unknown, collisionCount?: number | null): string {
  const suffix = collisionCount ? `#${collisionCount}` : "";
  return safeEncode(String(fnv32a(canonicalJson(template ?? {}) + suffix)));
}

/** conditions.ComputeStepHash: changes whenever the canary steps change. */
export function stepHash(steps: unknown): string {
  return safeEncode(String(fnv32a(canonicalJson(steps ?? []))));
}

/** Deterministic 5-character suffixes, as generateName produces (utilrand.String(5)). */
export class NameSuffixes {
  private state: number;

  constructor(seed = 42) {
    this.state = seed >>> 0 || 1;
  }

  next(length = 5): string {
    let out = "";
    for (let i = 0; i < length; i++) {
      // xorshift32: cheap, deterministic, good enough for names
      this.state ^= this.state << 13;
      this.state ^= this.state >>> 17;
      this.state ^= this.state << 5;
      this.state >>>= 0;
      out += SAFE_ALPHANUMS[this.state % SAFE_ALPHANUMS.length];
    }
    return out;
  }
}
