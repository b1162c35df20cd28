// apimachinery's rand.SafeEncodeString: each byte mapped onto an alphabet without vowels, so a hash
// printed in decimal becomes a name part that spells no words (pod-template-hash, Flagger's hashes).

/** rand's alphanums: also what rand.String draws generated-name suffixes from. */
export const SAFE_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

const utf8 = new TextEncoder();

export function safeEncodeString(text: string): string {
  let out = "";
  for (const byte of utf8.encode(text)) out += SAFE_ALPHANUMS[byte % SAFE_ALPHANUMS.length];
  return out;
}
