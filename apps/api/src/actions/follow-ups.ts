// Requests to make once a Flagger run has finished: restore spec.skipAnalysis after a skip-promote,
// close a loadtester gate (the loadtester never closes one itself). Persisted so a restart keeps them.
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ActionRequest, Delivery } from "@rollscope/shared";
import { z } from "zod";

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
  private readonly pending = new Map<string, FollowUp>();
  private readonly path: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, "follow-ups.json");
    try {
      const saved = z.array(followUpSchema).safeParse(JSON.parse(readFileSync(this.path, "utf8")));
      if (saved.success) for (const f of saved.data) this.pending.set(f.id, f);
    } catch {
      // none yet
    }
  }

  /** Resolves once the follow-up is saved. */
  add(followUp: Omit<FollowUp, "id">): Promise<void> {
    const id = randomUUID();
    this.pending.set(id, { ...followUp, id });
    return this.save();
  }

  list(): FollowUp[] {
    return [...this.pending.values()];
  }

  /** Follow-ups whose run is over, given the delivery's current state; they are removed. */
  due(delivery: Delivery): FollowUp[] {
    const out: FollowUp[] = [];
    for (const f of this.pending.values()) {
      if (
        f.cluster !== delivery.ref.cluster ||
        f.namespace !== delivery.ref.namespace ||
        f.name !== delivery.ref.name
      )
        continue;
      const newRelease =
        delivery.observed.lastAppliedSpec !== undefined &&
        delivery.observed.lastAppliedSpec !== f.lastAppliedSpec;
      if (finishedPhases.has(delivery.rawPhase) || newRelease) out.push(f);
    }
    for (const f of out) this.pending.delete(f.id);
    if (out.length > 0) void this.save();
    return out;
  }

  private async save(): Promise<void> {
    await writeFile(this.path, JSON.stringify(this.list(), null, 2));
  }
}
