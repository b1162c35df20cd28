// Flagger's ComputeHash (pkg/canary/spec.go): FNV-1a 32 of the object, printed in decimal and mapped
// onto apimachinery's SafeEncodeString alphabet. Flagger hashes go-spew's dump of the Go struct, which
// cannot be reproduced from JSON, so the demo hashes canonical JSON instead: the values differ from a
// real cluster's, the shape (9-10 chars of "bcdf…789") and the equal-in/equal-out behaviour do not.

const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** JSON with sorted keys and without null/undefined members. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>).filter(
      ([, x]) => x !== null && x !== undefined,
    );
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

export function computeHash(value: unknown): string {
  return [...String(fnv1a32(canonicalJson(value)))]
    .map((digit) => SAFE_ALPHABET[digit.charCodeAt(0) % SAFE_ALPHABET.length])
    .join("");
}
