// Where ../shared/fixtures is, when the clone has it beside it.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const candidate = process.env.ROLLSCOPE_SHARED_FIXTURES ?? join(repoRoot, "..", "shared", "fixtures");
export const sharedFixtures: string | undefined = existsSync(candidate) ? candidate : undefined;
if (!sharedFixtures)
  console.warn("skipped: ../shared/fixtures is not beside this clone (set ROLLSCOPE_SHARED_FIXTURES)");
