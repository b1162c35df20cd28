// Flagger's ComputeHash (pkg/canary/spec.go): FNV-1a 32 of the object, printed in decimal and mapped
// onto apimachinery's SafeEncodeString alphabet. Flagger hashes go-spew's dump of the Go struct, which
// cannot be reproduced from JSON, so the demo hashes canonical JSON instead: the values differ from a
// real cluster's, the shape (9-10 chars of "bcdf…789") and the equal-in/equal-out behaviour do not.
import { canonicalJson } from "@rollscope/shared/encoding/canonical-json";
import { fnv1a32 } from "@rollscope/shared/encoding/fnv1a";
import { safeEncodeString } from "@rollscope/shared/encoding/safe-encode";

export function computeHash(value: unknown): string {
  return safeEncodeString(String(fnv1a32(canonicalJson(value))));
}
