// Requests to make once a Flagger run has finished: restore spec.skipAnalysis after a skip-promote,
// close a loadtester gate (the loadtester never closes one itself). Kept in the shared store so a
// restart (or another replica) keeps them: a lost one would leave analysis skipped or a gate open for
// the next release. A due follow-up is claimed by deleting its row, so exactly one replica carries it out.
import { randomUUID } from "node:crypto";
import type { ActionRequest, Delivery } from "@rollscope/shared";
import { z } from "zod";
import type { Logger } from "../observability/logger";
import type { Database } from "../store/database";

const followUpSchema = z.object({
  id: z.string(),
  cluster: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** The release the action was taken on; a different one means the run is over. */
  lastAppliedSpec: z.string(),
  requests: z.array(z.custom<ActionRequest>()),
  reason: z.string(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

const finishedPhases = new Set(["Succeeded", "Failed", "Initialized"]);

export class FollowUps {
  constructor(
    private readonly store: Database,
    private readonly log: Logger,
  ) {}

  /** Resolves once the follow-up is committed; one that cannot be saved is not kept. */
  async add(followUp: Omit<FollowUp, "id">): Promise<void> {
    const full = followUpSchema.parse({ ...followUp, id: randomUUID() });
    await this.store.db
      .insertInto("follow_ups")
      .values({
        id: full.id,
        cluster: full.cluster,
        namespace: full.namespace,
        name: full.name,
        created_ms: Date.now(),
        body: JSON.stringify(full),
      })
      .execute();
  }

  /** Every pending follow-up, oldest first. */
  async list(): Promise<FollowUp[]> {
    const rows = await this.store.db
      .selectFrom("follow_ups")
      .select(["id", "body"])
      .orderBy("created_ms")
      .orderBy("id")
      .execute();
    return rows.flatMap((row) => this.parse(row));
  }

  /**
   * Follow-ups whose run is over, given the delivery's current state, each claimed by deleting its row:
   * only those this call removed are returned, so two replicas never both carry one out. A claimed
   * follow-up is gone from the store even if carrying it out fails; the failure is in the audit log.
   */
  async due(delivery: Delivery): Promise<FollowUp[]> {
    const rows = await this.store.db
      .selectFrom("follow_ups")
      .select(["id", "body"])
      .where("cluster", "=", delivery.ref.cluster)
      .where("namespace", "=", delivery.ref.namespace)
      .where("name", "=", delivery.ref.name)
      .orderBy("created_ms")
      .orderBy("id")
      .execute();
    const claimed: FollowUp[] = [];
    for (const f of rows.flatMap((row) => this.parse(row))) {
      const newRelease =
        delivery.observed.lastAppliedSpec !== undefined &&
        delivery.observed.lastAppliedSpec !== f.lastAppliedSpec;
      if (!finishedPhases.has(delivery.rawPhase) && !newRelease) continue;
      const deleted = await this.store.db.deleteFrom("follow_ups").where("id", "=", f.id).executeTakeFirst();
      if (Number(deleted.numDeletedRows) > 0) claimed.push(f);
    }
    return claimed;
  }

  /** A stored follow-up; a row that is not one is kept (never carried out half-read) and logged. */
  private parse(row: { id: string; body: string }): FollowUp[] {
    try {
      const parsed = followUpSchema.safeParse(JSON.parse(row.body));
      if (parsed.success) return [parsed.data];
      this.log.error({ followUp: row.id, issues: parsed.error.issues }, "a stored follow-up is not valid");
    } catch (error) {
      this.log.error({ followUp: row.id, err: error }, "a stored follow-up is not valid JSON");
    }
    return [];
  }
}
