// Every mutation a person asks for, appended and flushed to disk before it is acknowledged: who, when,
// where, what, by which lever, the exact requests, the state it was made from, and the result.
// audit.jsonl is rotated at a size limit (audit.jsonl.1 …, a bounded number kept); at start its newest
// entries are read back from the end, so the size of the history never decides whether it can be shown.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import { readLinesBackwards } from "../persistence/read-lines-backwards";
import { rotatedPaths, rotateFile } from "../persistence/rotate-file";
import { syncDirectory } from "../persistence/sync-directory";

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
  /**
   * started → succeeded | failed, or interrupted when Rollscope stopped before the result was known
   * (written at the next start); refused is written alone.
   */
  result: z.enum(["started", "succeeded", "failed", "refused", "interrupted"]),
  error: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const interruptedError =
  "Rollscope stopped before this action's result was known; check the object's state";

export interface AuditQuery {
  cluster?: string;
  namespace?: string;
  name?: string;
  kind?: string;
  limit?: number;
}

export interface AuditLogOptions {
  /** How many of the newest entries are kept in memory for queries. */
  keepInMemory?: number;
  /** audit.jsonl is rotated before an append would take it past this size. */
  maxFileBytes?: number;
  /** Rotated files kept (audit.jsonl.1 is the newest); entries older than the last one are dropped. */
  keepRotatedFiles?: number;
}

export class AuditLog {
  private readonly path: string;
  private readonly keepInMemory: number;
  private readonly maxFileBytes: number;
  private readonly keepRotatedFiles: number;
  /** Newest last; bounded copy of the log's tail for queries. */
  private readonly recent: AuditEntry[] = [];
  private loading: Promise<void> | undefined;
  private failedToLoad: string | undefined;
  /**
   * Actions whose last entry was still `started` when the log was loaded, oldest first. Only the tail
   * read into memory is searched; an action's later entries are always newer than its start.
   */
  private unfinished: AuditEntry[] = [];
  /** The append in progress; never rejects, so the next append can always chain on it. */
  private writing: Promise<void> | undefined;

  constructor(dataDir: string, options: AuditLogOptions = {}) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, "audit.jsonl");
    this.keepInMemory = options.keepInMemory ?? 10_000;
    this.maxFileBytes = options.maxFileBytes ?? 64 * 1024 * 1024;
    this.keepRotatedFiles = options.keepRotatedFiles ?? 5;
    if (!Number.isInteger(this.keepRotatedFiles) || this.keepRotatedFiles < 1)
      throw new Error(`the audit log must keep at least one rotated file, not ${this.keepRotatedFiles}`);
  }

  get file(): string {
    return this.path;
  }

  /** Why the saved entries could not all be read, so a short or empty list is never taken as the whole. */
  get loadError(): string | undefined {
    return this.failedToLoad;
  }

  newId(): string {
    return randomUUID();
  }

  /** Reads the newest entries from disk, once; later calls share the first. Never rejects: see loadError. */
  load(): Promise<void> {
    this.loading ??= this.readTail();
    return this.loading;
  }

  /**
   * Records that Rollscope stopped in the middle of each action left `started` in the log: one durable
   * `interrupted` entry per action, so a later start finds it finished and adds nothing. Resolves with
   * how many were marked.
   */
  async markInterrupted(): Promise<number> {
    await this.load();
    const unfinished = this.unfinished;
    this.unfinished = [];
    await Promise.all(
      unfinished.map(({ time: _time, error: _error, ...started }) =>
        this.append({ ...started, result: "interrupted", error: interruptedError }),
      ),
    );
    return unfinished.length;
  }

  /** Appends and fsyncs one entry; resolves only once it is on disk. */
  append(entry: Omit<AuditEntry, "time"> & { time?: string }): Promise<AuditEntry> {
    const full = auditEntrySchema.parse({ ...entry, time: entry.time ?? new Date().toISOString() });
    const line = `${JSON.stringify(full)}\n`;
    // Serialise writers so lines never interleave and order matches acknowledgement order. The first
    // waits for the load, so an entry written now is never mistaken for one left from before a restart.
    const done = (this.writing ?? this.load()).then(() => this.write(line));
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

  private async write(line: string): Promise<void> {
    let size = await sizeOf(this.path);
    if (size !== undefined && size > 0 && size + Buffer.byteLength(line) > this.maxFileBytes) {
      await rotateFile(this.path, this.keepRotatedFiles);
      size = undefined;
    }
    const handle = await open(this.path, "a+");
    try {
      // A crash can leave a torn last line; the next entry must not be glued onto it.
      const separator = size && !(await endsWithNewline(handle, size)) ? "\n" : "";
      await handle.appendFile(separator + line, "utf8");
      await handle.datasync();
    } finally {
      await handle.close();
    }
    if (size === undefined) await syncDirectory(dirname(this.path));
  }

  private async readTail(): Promise<void> {
    const newestFirst: AuditEntry[] = [];
    for (const file of rotatedPaths(this.path, this.keepRotatedFiles)) {
      if (newestFirst.length >= this.keepInMemory) break;
      try {
        for await (const line of readLinesBackwards(file)) {
          const entry = parseLine(line);
          if (!entry) continue;
          newestFirst.push(entry);
          if (newestFirst.length >= this.keepInMemory) break;
        }
      } catch (error) {
        // A number missing after a crash mid-rotation; older files may still be there.
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
        this.failedToLoad = `${file} could not be read (${(error as Error).message}); its entries and older ones are not shown. The file has been kept as it is.`;
        break;
      }
    }
    const seen = new Set<string>();
    for (const entry of newestFirst) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      if (entry.result === "started") this.unfinished.push(entry);
    }
    this.unfinished.reverse();
    for (let i = newestFirst.length - 1; i >= 0; i--) this.remember(newestFirst[i] as AuditEntry);
  }
}

/** One line of the log, or undefined for a line torn by a crash (or otherwise unreadable). */
function parseLine(line: string): AuditEntry | undefined {
  try {
    const parsed = auditEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function endsWithNewline(handle: FileHandle, size: number): Promise<boolean> {
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
