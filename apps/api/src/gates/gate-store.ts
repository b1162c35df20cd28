// Rollscope's own gates for Flagger webhooks that point at it (`/api/gates/<gate type>`, the catch-all
// `/api/gates/check` for every confirm gate, and `/api/gates/rollback`). A decision is keyed by the
// gate it opens, namespace, name and the webhook payload's checksum, so approving one release never
// lets the next one through, and approving its rollout does not also pass its promotion. Decisions live
// in the shared store and every webhook call reads it, so a decision made through any replica is
// honoured by whichever replica Flagger's call reaches.
import { type RollscopeGateScope, rollscopeGatePaths } from "@rollscope/shared";
import { z } from "zod";
import type { Database } from "../store/database";
import { parseJsonAs } from "../store/stored-json";

const gateScopes = Object.keys(rollscopeGatePaths) as [RollscopeGateScope, ...RollscopeGateScope[]];

export const gateDecisionSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  checksum: z.string(),
  decision: z.enum(["promote", "rollback"]),
  /** Absent in decisions saved before gates had scopes: those opened /api/gates/check or /rollback. */
  scope: z.enum(gateScopes).optional(),
  by: z.string(),
  at: z.string(),
});
export type GateDecision = z.infer<typeof gateDecisionSchema>;

/** The gate a decision opens (decisions saved before gates had scopes name none). */
export const gateScopeOf = (d: Pick<GateDecision, "decision" | "scope">): RollscopeGateScope =>
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

/** The row key of a decision: the gate it opens for one release of one canary. */
export const gateDecisionKey = (decision: GateDecision): string => keyOf(gateScopeOf(decision), decision);

/** The stored row of a decision; `unreadableAtMs` stands for a decision time that is not a date. */
export function gateDecisionRow(decision: GateDecision, unreadableAtMs = Date.now()) {
  const at = Date.parse(decision.at);
  return {
    key: gateDecisionKey(decision),
    namespace: decision.namespace,
    name: decision.name,
    decision: decision.decision,
    at_ms: Number.isFinite(at) ? at : unreadableAtMs,
    body: JSON.stringify(decision),
  };
}

export class GateStore {
  constructor(private readonly store: Database) {}

  /** Resolves once the decision is committed; a later decision for the same gate and release replaces it. */
  async record(decision: GateDecision): Promise<void> {
    const row = gateDecisionRow(gateDecisionSchema.parse(decision));
    const { key: _key, ...changes } = row;
    await this.store.db
      .insertInto("gate_decisions")
      .values(row)
      .onConflict((oc) => oc.column("key").doUpdateSet(changes))
      .execute();
  }

  /** Whether Flagger's webhook call to the endpoint for `scope` should pass for this release. */
  async isOpen(
    scope: RollscopeGateScope,
    payload: { namespace: string; name: string; checksum?: string | undefined },
  ): Promise<boolean> {
    if (!payload.checksum) return false;
    const row = await this.store.db
      .selectFrom("gate_decisions")
      .select("key")
      .where("key", "=", keyOf(scope, { ...payload, checksum: payload.checksum }))
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Every decision kept, oldest first; a row that is not a decision is left out. */
  async list(): Promise<GateDecision[]> {
    const rows = await this.store.db
      .selectFrom("gate_decisions")
      .select("body")
      .orderBy("at_ms")
      .orderBy("key")
      .execute();
    return rows.flatMap((row) => parseJsonAs(gateDecisionSchema, row.body) ?? []);
  }
}
