// Reads a folder of YAML/JSON (a `kubectl get -o yaml` dump, a support bundle): every file under it,
// multi-document YAML, and `List` kinds unwrapped.
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { parseAllDocuments } from "yaml";

export interface SnapshotFileError {
  file: string;
  message: string;
}

export interface LoadedSnapshot {
  objects: unknown[];
  errors: SnapshotFileError[];
  files: number;
}

const extensions = new Set([".yaml", ".yml", ".json"]);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(full);
      return extensions.has(extname(entry.name).toLowerCase()) ? [full] : [];
    }),
  );
  return nested.flat().sort();
}

function unwrapLists(doc: unknown): unknown[] {
  if (typeof doc !== "object" || doc === null) return [];
  const { kind, items } = doc as { kind?: unknown; items?: unknown };
  if (typeof kind === "string" && kind.endsWith("List") && Array.isArray(items))
    return items.flatMap(unwrapLists);
  return [doc];
}

export async function loadSnapshot(dir: string): Promise<LoadedSnapshot> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`snapshot folder ${dir} does not exist or is not a folder`);
  const files = await filesUnder(dir);
  const objects: unknown[] = [];
  const errors: SnapshotFileError[] = [];
  for (const file of files) {
    const text = await readFile(file, "utf8");
    try {
      if (extname(file).toLowerCase() === ".json") {
        objects.push(...unwrapLists(JSON.parse(text)));
        continue;
      }
      for (const doc of parseAllDocuments(text)) {
        if (doc.errors.length > 0) throw new Error(doc.errors[0]?.message ?? "invalid YAML");
        objects.push(...unwrapLists(doc.toJSON()));
      }
    } catch (error) {
      errors.push({ file, message: (error as Error).message });
    }
  }
  return { objects, errors, files: files.length };
}
