// The `checksum` Flagger puts in every webhook payload (controller.canaryChecksum): FNV-1a 32 over
// go-spew's `%#v` dump of {TrackedConfigs, LastAppliedSpec}, encoded with apimachinery's
// rand.SafeEncodeString. Rollscope computes it from the Canary it watches, so a gate decision is
// keyed to the exact release the webhook will ask about.
import type { Canary } from "../schemas/flagger/canary";

const safeAlphabet = "bcdfghjklmnpqrstvwxz2456789";
const spewType = "(struct { TrackedConfigs *map[string]string; LastAppliedSpec string })";

function compareBytes(a: string, b: string): number {
  const ba = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  return Buffer.compare(ba, bb);
}

/** go-spew's rendering of the struct Flagger hashes (keys sorted, strings raw). */
export function checksumInput(
  trackedConfigs: Record<string, string> | null | undefined,
  lastAppliedSpec: string,
): string {
  let tracked = "(*map[string]string)<nil>";
  if (trackedConfigs) {
    const entries = Object.entries(trackedConfigs).sort(([a], [b]) => compareBytes(a, b));
    tracked = `(*map[string]string)map[${entries.map(([k, v]) => `${k}:${v}`).join(" ")}]`;
  }
  return `${spewType}{TrackedConfigs:${tracked} LastAppliedSpec:(string)${lastAppliedSpec}}`;
}

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function safeEncode(text: string): string {
  return [...text].map((ch) => safeAlphabet[ch.charCodeAt(0) % safeAlphabet.length]).join("");
}

export function webhookChecksum(status: {
  trackedConfigs?: Record<string, string> | null;
  lastAppliedSpec?: string | null;
}): string {
  return safeEncode(String(fnv1a32(checksumInput(status.trackedConfigs, status.lastAppliedSpec ?? ""))));
}

export function canaryChecksum(canary: Canary): string {
  return webhookChecksum(canary.status ?? {});
}
