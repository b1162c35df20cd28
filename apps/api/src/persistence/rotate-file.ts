// Size-bounded logs: `file` becomes `file.1`, `file.1` becomes `file.2` …, and the oldest beyond `keep`
// is dropped. Each rename is atomic, so a crash midway loses nothing but leaves a gap in the numbers.
import { rename } from "node:fs/promises";
import { dirname } from "node:path";
import { syncDirectory } from "./sync-directory";

/** `file`, then its rotated copies, newest first. */
export function rotatedPaths(file: string, keep: number): string[] {
  return [file, ...Array.from({ length: keep }, (_, i) => `${file}.${i + 1}`)];
}

export async function rotateFile(file: string, keep: number): Promise<void> {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`cannot rotate ${file} keeping ${keep} copies`);
  // Oldest first, so every rename lands on a name already moved away; `file.<keep>` is overwritten.
  for (let n = keep - 1; n >= 1; n--) await renameIfPresent(`${file}.${n}`, `${file}.${n + 1}`);
  await rename(file, `${file}.1`);
  await syncDirectory(dirname(file));
}

async function renameIfPresent(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
