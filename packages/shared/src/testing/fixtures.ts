// Access to the upstream CRDs, examples and captured cluster objects that live beside the repo in
// ../shared/fixtures. A user's clone has no ../shared, so suites that need it skip with a message.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** Folder holding the shared fixtures, or undefined when the repo is used without ../shared. */
export const sharedFixturesDir: string | undefined = (() => {
  const dir = process.env.ROLLSCOPE_SHARED_FIXTURES ?? join(repoRoot, "..", "shared", "fixtures");
  return existsSync(dir) ? dir : undefined;
})();

export const fixturesMissingMessage =
  "skipped: ../shared/fixtures is not beside this clone (set ROLLSCOPE_SHARED_FIXTURES to point at it)";

if (!sharedFixturesDir) console.warn(fixturesMissingMessage);

/** Every YAML document of one fixture file, as plain objects. */
export function loadFixtureDocs(relativePath: string): unknown[] {
  if (!sharedFixturesDir) throw new Error(fixturesMissingMessage);
  const text = readFileSync(join(sharedFixturesDir, relativePath), "utf8");
  return parseAllDocuments(text)
    .map((doc) => doc.toJSON() as unknown)
    .filter((doc) => doc !== null && doc !== undefined);
}

/** The single object of one fixture file. */
export function loadFixture(relativePath: string): Record<string, unknown> {
  const [doc] = loadFixtureDocs(relativePath);
  return doc as Record<string, unknown>;
}

/** Every object of every YAML file in a fixture folder. */
export function loadFixtureFolder(relativeDir: string): Record<string, unknown>[] {
  if (!sharedFixturesDir) throw new Error(fixturesMissingMessage);
  const dir = join(sharedFixturesDir, relativeDir);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .flatMap((f) => loadFixtureDocs(join(relativeDir, f)) as Record<string, unknown>[]);
}
