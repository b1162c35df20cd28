// Rollscope's own gates for Flagger webhooks that point at it (`/api/gates/<gate type>`, the catch-all
// `/api/gates/check` for every confirm gate, and `/api/gates/rollback`). A decision is keyed by the
// gate it opens, namespace, name and the webhook payload's checksum, so approving one release never
// lets the next one through, and approving its rollout does not also pass its promotion. Persisted so
// a restart keeps decisions; a gates.json that cannot be read stops the start instead of closing gates.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type RollscopeGateScope, rollscopeGatePaths } from "@rollscope/shared";
import { z } from "zod";
import { JsonFile } from "../persistence/json-file";

const gateScopes = Object.keys(rollscopeGatePaths) as [RollscopeGateScope, ...RollscopeGateScope[]];

const decisionSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  checksum: z.string(),
  decision: z.enum(["promote", "rollback"]),
  /** Absent in decisions saved before gates had scopes: those opened /api/gates/check or /rollback. */
  scope: z.enum(gateScopes).optional(),
  by: z.string(),
  at: z.string(),
});
export type GateDecision = z.infer<typeof decisionSchema>;

const scopeOf = (d: Pick<GateDecision, "decision" | "scope">): RollscopeGateScope =>
  d.scope ?? (d.decision === "rollback" ? "rollback" : "any-confirm");

/** The payload Flagger POSTs to a webhook (CanaryWebhookPayload). */
export const webhookPayloadSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1),
  phase: z.string().optional(),
  checksum: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});

const keyOf = (scope: RollscopeGateScope, d: { namespace: string; name: string; checksum: string }) =>
  `${scope}/${d.namespace}/${d.name}/${d.checksum}`;

export class GateStore {
  private readonly decisions = new Map<string, GateDecision>();
  private readonly file: JsonFile<GateDecision[]>;

  /** Throws, naming the file, when saved decisions exist but cannot be read. */
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = new JsonFile(join(dataDir, "gates.json"), z.array(decisionSchema));
    for (const d of this.file.read() ?? []) this.decisions.set(keyOf(scopeOf(d), d), d);
  }

  /** Resolves once the decision is durable; if it cannot be saved, the gate stays as it was. */
  async record(decision: GateDecision): Promise<void> {
    const key = keyOf(scopeOf(decision), decision);
    const previous = this.decisions.get(key);
    this.decisions.set(key, decision);
    try {
      await this.file.save(this.list());
    } catch (error) {
      if (this.decisions.get(key) === decision) {
        if (previous) this.decisions.set(key, previous);
        else this.decisions.delete(key);
      }
      throw error;
    }
  }

  /** Whether Flagger's webhook call to the endpoint for `scope` should pass for this release. */
  isOpen(
    scope: RollscopeGateScope,
    payload: { namespace: string; name: string; checksum?: string | undefined },
  ): boolean {
    if (!payload.checksum) return false;
    return this.decisions.has(keyOf(scope, { ...payload, checksum: payload.checksum }));
  }

  list(): GateDecision[] {
    return [...this.decisions.values()];
  }
}
