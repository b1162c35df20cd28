// Every mutation a person asks for, appended and flushed to disk before it is acknowledged: who, when,
// where, what, by which lever, the exact requests, the state it was made from, and the result.
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { appendFile, open } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

export const auditEntrySchema = z.object({
  id: z.string(),
  time: z.string(),
  identity: z.string(),
  cluster: z.string(),
  object: z.object({ kind: z.string(), namespace: z.string(), name: z.string() }),
  action: z.string(),
  lever: z.string().optional(),
  description: z.string().optional(),
  requests: z.array(z.unknown()).default([]),
  observed: z.unknown().optional(),
  /** started → succeeded | failed; refused is written alone. */
  result: z.enum(["started", "succeeded", "failed", "refused"]),
  error: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export interface AuditQuery {
  cluster?: string;
  namespace?: string;
  name?: string;
  kind?: string;
  limit?: number;
}

export class AuditLog {
  private readonly path: string;
  /** Newest last; bounded copy of the file's tail for queries. */
  private readonly recent: AuditEntry[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly keepInMemory = 10_000,
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, "audit.jsonl");
    this.loadTail();
  }

  get file(): string {
    return this.path;
  }

  newId(): string {
    return randomUUID();
  }

  /** Appends and fsyncs one entry; resolves only once it is on disk. */
  append(entry: Omit<AuditEntry, "time"> & { time?: string }): Promise<AuditEntry> {
    const full = auditEntrySchema.parse({ ...entry, time: entry.time ?? new Date().toISOString() });
    const line = `${JSON.stringify(full)}\n`;
    // Serialise writers so lines never interleave and order matches acknowledgement order.
    const done = this.writing.then(async () => {
      await appendFile(this.path, line);
      const handle = await open(this.path, "r");
      try {
        await handle.datasync();
      } finally {
        await handle.close();
      }
    });
    this.writing = done.catch(() => undefined);
    return done.then(() => {
      this.remember(full);
      return full;
    });
  }

  /** Entries, newest first; an action's start and finish lines are both listed. */
  list(query: AuditQuery = {}): AuditEntry[] {
    const out: AuditEntry[] = [];
    for (let i = this.recent.length - 1; i >= 0 && out.length < (query.limit ?? 200); i--) {
      const e = this.recent[i] as AuditEntry;
      if (query.cluster && e.cluster !== query.cluster) continue;
      if (query.namespace && e.object.namespace !== query.namespace) continue;
      if (query.name && e.object.name !== query.name) continue;
      if (query.kind && e.object.kind !== query.kind) continue;
      out.push(e);
    }
    return out;
  }

  private remember(entry: AuditEntry): void {
    this.recent.push(entry);
    if (this.recent.length > this.keepInMemory) this.recent.splice(0, this.recent.length - this.keepInMemory);
  }

  private loadTail(): void {
    let text = "";
    try {
      text = readFileSync(this.path, "utf8");
    } catch {
      return;
    }
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      try {
        const parsed = auditEntrySchema.safeParse(JSON.parse(line));
        if (parsed.success) this.remember(parsed.data);
      } catch {
        // A torn last line from a crash is skipped; every complete line before it is kept.
      }
    }
  }
}
