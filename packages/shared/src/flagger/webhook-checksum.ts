// The `checksum` Flagger puts in every webhook payload (controller.canaryChecksum): FNV-1a 32 over
// go-spew's `%#v` dump of {TrackedConfigs, LastAppliedSpec}, encoded with apimachinery's
// rand.SafeEncodeString. Rollscope computes it from the Canary it watches, so a gate decision is
// keyed to the exact release the webhook will ask about.

import { fnv1a32 } from "../encoding/fnv1a";
import { safeEncodeString } from "../encoding/safe-encode";
import { compareUtf8 } from "../encoding/utf8-order";
import type { Canary } from "../schemas/flagger/canary";

const spewType = "(struct { TrackedConfigs *map[string]string; LastAppliedSpec string })";

/** go-spew's rendering of the struct Flagger hashes (keys sorted, strings raw). */
export function checksumInput(
  trackedConfigs: Record<string, string> | null | undefined,
  lastAppliedSpec: string,
): string {
  let tracked = "(*map[string]string)<nil>";
  if (trackedConfigs) {
    const entries = Object.entries(trackedConfigs).sort(([a], [b]) => compareUtf8(a, b));
    tracked = `(*map[string]string)map[${entries.map(([k, v]) => `${k}:${v}`).join(" ")}]`;
  }
  return `${spewType}{TrackedConfigs:${tracked} LastAppliedSpec:(string)${lastAppliedSpec}}`;
}

export function webhookChecksum(status: {
  trackedConfigs?: Record<string, string> | null;
  lastAppliedSpec?: string | null;
}): string {
  return safeEncodeString(
    String(fnv1a32(checksumInput(status.trackedConfigs, status.lastAppliedSpec ?? ""))),
  );
}

export function canaryChecksum(canary: Canary): string {
  return webhookChecksum(canary.status ?? {});
}
