// Finds the YAML/JSON files of a snapshot folder without trusting what is in it. Only regular files
// are kept; symbolic links are resolved and followed only when their real path stays inside the
// folder's real path (a bundle must not read /etc or a home folder through a link); each folder is
// walked once, so links back up the tree cannot loop; pipes, sockets and devices are reported, never
// opened. Everything refused becomes a per-file error and the walk goes on.
import type { Stats } from "node:fs";
import { lstat, readdir, readlink, realpath, stat } from "node:fs/promises";
import { extname, isAbsolute, join, relative, sep } from "node:path";
import { describeFileType } from "./describe-file-type";
import type { SnapshotFileError } from "./snapshot-file-error";

export interface SnapshotFileCandidate {
  /** The path as found under the snapshot folder, for messages. */
  path: string;
  /** Its real path (links resolved), inside the folder's real path. */
  realPath: string;
  /** Its size when found; checked against the limits before it is opened. */
  size: number;
  format: "json" | "yaml";
}

export interface FoundSnapshotFiles {
  files: SnapshotFileCandidate[];
  errors: SnapshotFileError[];
}

const formats: Record<string, "json" | "yaml"> = { ".yaml": "yaml", ".yml": "yaml", ".json": "json" };

function formatOf(name: string): "json" | "yaml" | undefined {
  return formats[extname(name).toLowerCase()];
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  // Compare the first segment, not a prefix: "..data" (a ConfigMap mount's folder) is inside.
  return rel === "" || (!isAbsolute(rel) && rel.split(sep)[0] !== "..");
}

/** One identity per file or folder, however many links lead to it. */
function identity(info: Stats): string {
  return `${info.dev}:${info.ino}`;
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? e.message;
}

export async function findSnapshotFiles(dir: string, maxFiles: number): Promise<FoundSnapshotFiles> {
  const root = await realpath(dir);
  const files: SnapshotFileCandidate[] = [];
  const errors: SnapshotFileError[] = [];
  const walked = new Set<string>([identity(await stat(root))]);
  const seenFiles = new Set<string>();
  let overflow = 0;
  const folders: Array<{ path: string; realPath: string }> = [{ path: dir, realPath: root }];

  for (let folder = folders.shift(); folder; folder = folders.shift()) {
    let names: string[];
    try {
      names = (await readdir(folder.realPath)).sort();
    } catch (error) {
      errors.push({ file: folder.path, message: `could not be listed (${reason(error)})` });
      continue;
    }
    for (const name of names) {
      const path = join(folder.path, name);
      const format = formatOf(name);
      // The parent is a real path, so lstat sees this entry itself, not what a link points to.
      let realPath = join(folder.realPath, name);
      let info: Stats;
      try {
        info = await lstat(realPath);
        if (info.isSymbolicLink()) {
          const target = await realpath(realPath).catch(() => undefined);
          if (target === undefined) {
            if (format) {
              const to = await readlink(realPath).catch(() => "?");
              errors.push({ file: path, message: `is a symbolic link to ${to}, which does not exist` });
            }
            continue;
          }
          // The resolved path holds no links, so stat and lstat agree on it.
          const targetInfo = await stat(target);
          if (!isInside(root, target)) {
            if (format || targetInfo.isDirectory()) {
              errors.push({
                file: path,
                message: `is a symbolic link to ${target}, outside the snapshot folder; not followed`,
              });
            }
            continue;
          }
          realPath = target;
          info = targetInfo;
        }
      } catch (error) {
        if (format) errors.push({ file: path, message: `could not be examined (${reason(error)})` });
        continue;
      }

      if (info.isDirectory()) {
        if (walked.has(identity(info))) continue; // a link back up the tree, or a second link to it
        walked.add(identity(info));
        folders.push({ path, realPath });
        continue;
      }
      if (!format) continue;
      if (!info.isFile()) {
        errors.push({ file: path, message: `is ${describeFileType(info)}, not a regular file; skipped` });
        continue;
      }
      if (seenFiles.has(identity(info))) continue; // the same file through a link: read it once
      seenFiles.add(identity(info));
      if (files.length >= maxFiles) {
        overflow++;
        continue;
      }
      files.push({ path, realPath, size: info.size, format });
    }
  }

  if (overflow > 0) {
    errors.push({
      file: dir,
      message: `holds ${files.length + overflow} YAML/JSON files, more than the ${maxFiles} read from one snapshot; ${overflow} were skipped`,
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, errors };
}
