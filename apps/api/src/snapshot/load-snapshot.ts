// Reads a folder of YAML/JSON (a `kubectl get -o yaml` dump, a support bundle): every file under it,
// multi-document YAML, and `List` kinds unwrapped. Nothing in the folder is trusted for size, type or
// encoding: each file that cannot be read safely becomes a per-file error, and the rest still loads.
import { stat } from "node:fs/promises";
import { decodeSnapshotText } from "./decode-snapshot-text";
import { findSnapshotFiles } from "./find-snapshot-files";
import { parseSnapshotDocuments } from "./parse-snapshot-documents";
import { readSnapshotFile } from "./read-snapshot-file";
import type { SnapshotFileError } from "./snapshot-file-error";
import { defaultSnapshotLimits, type SnapshotLimits } from "./snapshot-limits";

export type { SnapshotFileError } from "./snapshot-file-error";

export interface LoadedSnapshot {
  objects: unknown[];
  errors: SnapshotFileError[];
  /** YAML/JSON files found (read or not). */
  files: number;
}

export async function loadSnapshot(
  dir: string,
  limits: Partial<SnapshotLimits> = {},
): Promise<LoadedSnapshot> {
  const limit: SnapshotLimits = { ...defaultSnapshotLimits, ...limits };
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`snapshot folder ${dir} does not exist or is not a folder`);
  const found = await findSnapshotFiles(dir, limit.maxFiles);
  const objects: unknown[] = [];
  const errors: SnapshotFileError[] = [...found.errors];
  let bytesRead = 0;
  for (const file of found.files) {
    const read = await readSnapshotFile(file, bytesRead, limit);
    if (!read.ok) {
      errors.push({ file: file.path, message: read.message });
      continue;
    }
    bytesRead += read.bytes.length;
    const decoded = decodeSnapshotText(read.bytes);
    if (!decoded.ok) {
      errors.push({ file: file.path, message: decoded.message });
      continue;
    }
    try {
      // A loop, not push(...): a List of a few hundred thousand items would overflow the argument stack.
      for (const object of parseSnapshotDocuments(decoded.text, file.format)) objects.push(object);
    } catch (error) {
      errors.push({ file: file.path, message: `could not be parsed: ${(error as Error).message}` });
    }
  }
  return { objects, errors, files: found.files.length };
}
