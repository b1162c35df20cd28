// Requests to make once a Flagger run has finished: restore spec.skipAnalysis after a skip-promote,
// close a loadtester gate (the loadtester never closes one itself). Persisted so a restart keeps them:
// a lost one would leave analysis skipped or a gate open for the next release, so a follow-ups.json
// that cannot be read stops the start.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { ActionRequest, Delivery } from "@rollscope/shared";
import { z } from "zod";
import { createLogger, type Logger } from "../observability/logger";
import { JsonFile } from "../persistence/json-file";

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
  private readonly file: JsonFile<FollowUp[]>;

  /** Throws, naming the file, when saved follow-ups exist but cannot be read. */
  constructor(
    dataDir: string,
    private readonly log: Logger = createLogger("info"),
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.file = new JsonFile(join(dataDir, "follow-ups.json"), z.array(followUpSchema));
    for (const f of this.file.read() ?? []) this.pending.set(f.id, f);
  }

  /** Resolves once the follow-up is durable; one that cannot be saved is not kept. */
  async add(followUp: Omit<FollowUp, "id">): Promise<void> {
    const id = randomUUID();
    this.pending.set(id, { ...followUp, id });
    try {
      await this.file.save(this.list());
    } catch (error) {
      this.pending.delete(id);
      throw error;
    }
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
    if (out.length > 0)
      // Not awaited: the follow-ups are carried out either way, and if the removal is lost they are
      // carried out again after a restart, which sends the same requests.
      this.file
        .save(this.list())
        .catch((error: unknown) =>
          this.log.error(
            { err: error, file: this.file.path },
            "could not save the removal of finished follow-ups",
          ),
        );
    return out;
  }

  /** Resolves once every change made so far has been written (or failed to be). */
  flush(): Promise<void> {
    return this.file.flush();
  }
}
