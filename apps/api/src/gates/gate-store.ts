// Rollscope's own gates for Flagger webhooks that point at it (`/api/gates/check`,
// `/api/gates/rollback`). A decision is keyed by namespace, name and the webhook payload's checksum,
// so approving one release never lets the next one through. Persisted so a restart keeps decisions.
import { mkdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

const decisionSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  checksum: z.string(),
  decision: z.enum(["promote", "rollback"]),
  by: z.string(),
  at: z.string(),
});
export type GateDecision = z.infer<typeof decisionSchema>;

/** The payload Flagger POSTs to a webhook (CanaryWebhookPayload). */
export const webhookPayloadSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1),
  phase: z.string().optional(),
  checksum: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});

const keyOf = (d: { namespace: string; name: string; checksum: string; decision: string }) =>
  `${d.decision}/${d.namespace}/${d.name}/${d.checksum}`;

export class GateStore {
  private readonly decisions = new Map<string, GateDecision>();
  private readonly path: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, "gates.json");
    try {
      const saved = z.array(decisionSchema).safeParse(JSON.parse(readFileSync(this.path, "utf8")));
      if (saved.success) for (const d of saved.data) this.decisions.set(keyOf(d), d);
    } catch {
      // No decisions yet.
    }
  }

  async record(decision: GateDecision): Promise<void> {
    this.decisions.set(keyOf(decision), decision);
    await writeFile(this.path, JSON.stringify([...this.decisions.values()], null, 2));
  }

  /** Whether Flagger's webhook call for this release should pass. */
  isOpen(
    kind: "promote" | "rollback",
    payload: { namespace: string; name: string; checksum?: string | undefined },
  ): boolean {
    if (!payload.checksum) return false;
    return this.decisions.has(keyOf({ ...payload, checksum: payload.checksum, decision: kind }));
  }

  list(): GateDecision[] {
    return [...this.decisions.values()];
  }
}
