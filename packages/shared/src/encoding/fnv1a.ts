// FNV-1a, 32 bit: Go's hash/fnv New32a, which Kubernetes (pod-template-hash) and Flagger (ComputeHash,
// the webhook checksum) use to name and key objects by their content.

const OFFSET_BASIS_32 = 0x811c9dc5;
const PRIME_32 = 0x01000193;

const utf8 = new TextEncoder();

/** FNV-1a 32 of the text's UTF-8 bytes: what Go computes for `[]byte(text)`. */
export function fnv1a32(text: string): number {
  let hash = OFFSET_BASIS_32;
  for (const byte of utf8.encode(text)) hash = Math.imul(hash ^ byte, PRIME_32) >>> 0;
  return hash;
}

/**
 * FNV-1a 32 of the text's UTF-16 code units. The same as `fnv1a32` for ASCII text and cheaper; for
 * values only this program computes and compares (seeds, stable picks), never for ones Go computes.
 */
export function fnv1a32OfCodeUnits(text: string): number {
  let hash = OFFSET_BASIS_32;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), PRIME_32) >>> 0;
  return hash;
}
