// One JSON document on disk that survives a crash at any instant: saves go to a temp file in the same
// folder, are fsynced, renamed over the target and the folder fsynced, so the target always holds
// either the previous or the new complete document. A document that exists but cannot be used stops
// the caller loudly and is left untouched, so no saved state is silently replaced by an empty one.
import { readdirSync, readFileSync, unlinkSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { z } from "zod";
import { syncDirectory } from "./sync-directory";

interface PendingSave {
  text: string;
  durable: Promise<void>;
}

export class JsonFile<T> {
  /** The save being written, if any; never rejects, so the next save can always chain on it. */
  private writing: Promise<void> = Promise.resolve();
  /** The save waiting for `writing`; later saves replace its text and share its promise. */
  private pending: PendingSave | undefined;
  private tempFiles = 0;

  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  /**
   * The saved document, or undefined when none was saved yet. Throws when the file exists but cannot
   * be read, parsed or validated; the file is kept as it is for a person to repair.
   */
  read(): T | undefined {
    this.removeLeftoverTempFiles();
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw this.unusable(`could not be read (${(error as Error).message})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw this.unusable(`is not valid JSON (${(error as Error).message})`);
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `at ${issue.path.join(".")}: ` : "";
      throw this.unusable(`does not hold what Rollscope saved (${where}${issue?.message ?? "invalid"})`);
    }
    return parsed.data;
  }

  /**
   * Saves `document` and resolves once it is durable. Saves never interleave; while one is written,
   * the newest of the saves that arrive meanwhile is written next and all of them resolve with it.
   */
  save(document: T): Promise<void> {
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (this.pending) {
      this.pending.text = text;
      return this.pending.durable;
    }
    const pending: PendingSave = { text, durable: Promise.resolve() };
    pending.durable = this.writing.then(() => {
      this.pending = undefined;
      return this.writeDurably(pending.text);
    });
    this.pending = pending;
    this.writing = pending.durable.catch(() => undefined);
    return pending.durable;
  }

  /** Resolves once every save made so far has been written (or has failed). */
  flush(): Promise<void> {
    return this.pending ? this.pending.durable.catch(() => undefined) : this.writing;
  }

  private async writeDurably(text: string): Promise<void> {
    const temp = `${this.path}.${process.pid}-${++this.tempFiles}.tmp`;
    try {
      const handle = await open(temp, "wx");
      try {
        await handle.writeFile(text, "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncDirectory(dirname(this.path));
  }

  /** Temp files are only ever complete once renamed, so one still there is from a save cut short. */
  private removeLeftoverTempFiles(): void {
    const prefix = `${basename(this.path)}.`;
    let names: string[];
    try {
      names = readdirSync(dirname(this.path));
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith(prefix) && name.endsWith(".tmp")) unlinkSync(join(dirname(this.path), name));
    }
  }

  private unusable(reason: string): Error {
    return new Error(
      `${this.path} ${reason}; the file has been kept as it is: repair it or move it away, then start again`,
    );
  }
}
