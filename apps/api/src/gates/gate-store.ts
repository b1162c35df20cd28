// Rollscope's own gates for Flagger webhooks that point at it (`/api/gates/<gate type>`, the catch-all
// `/api/gates/check` for every confirm gate, and `/api/gates/rollback`). A decision is keyed by the
// gate it opens, namespace, name and the webhook payload's checksum, so approving one release never
// lets the next one through, and approving its rollout does not also pass its promotion. Persisted so
// a restart keeps decisions.
import { mkdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RollscopeGateScope, rollscopeGatePaths } from "@rollscope/shared";
import { z } from "zod";

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
  private readonly path: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, "gates.json");
    try {
      const saved = z.array(decisionSchema).safeParse(JSON.parse(readFileSync(this.path, "utf8")));
      if (saved.success) for (const d of saved.data) this.decisions.set(keyOf(scopeOf(d), d), d);
    } catch {
      // No decisions yet.
    }
  }

  async record(decision: GateDecision): Promise<void> {
    this.decisions.set(keyOf(scopeOf(decision), decision), decision);
    await writeFile(this.path, JSON.stringify([...this.decisions.values()], null, 2));
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
