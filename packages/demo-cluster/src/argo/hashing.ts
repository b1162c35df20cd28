// Names and hashes shaped like the controller's: pod-template-hash and step hash are FNV-32a of the
// object, printed in decimal and mapped onto Kubernetes' "safe" alphabet (rand.SafeEncodeString), so
// they look and behave like the real ones (stable for equal templates, 7-10 lowercase characters).
import { canonicalJson } from "@rollscope/shared/encoding/canonical-json";
import { fnv1a32 } from "@rollscope/shared/encoding/fnv1a";
import { SAFE_ALPHANUMS, safeEncodeString } from "@rollscope/shared/encoding/safe-encode";

/** hash.ComputePodTemplateHash: the template plus the collision count, if any. */
export function podTemplateHash(template: unknown, collisionCount?: number | null): string {
  const suffix = collisionCount ? `#${collisionCount}` : "";
  return safeEncodeString(String(fnv1a32(canonicalJson(template ?? {}) + suffix)));
}

/** conditions.ComputeStepHash: changes whenever the canary steps change. */
export function stepHash(steps: unknown): string {
  return safeEncodeString(String(fnv1a32(canonicalJson(steps ?? []))));
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
