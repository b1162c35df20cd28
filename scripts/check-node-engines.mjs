#!/usr/bin/env node
// Rollscope promises Node >= 20.9 (package.json "engines"). Fails, naming them, when a locked package
// (dependencies, dev tooling included) declares an engines.node range that the oldest supported Node
// does not satisfy, so an upgrade that drops it is caught before a user on Node 20.9 is.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import semver from "semver";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const oldest = semver.minVersion(manifest.engines.node).version;
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
const refusing = Object.entries(lock.packages)
  .filter(([, p]) => p.engines?.node && !semver.satisfies(oldest, p.engines.node))
  .map(([path, p]) => `${path.replace(/^.*node_modules\//, "")}@${p.version} needs node ${p.engines.node}`);
if (refusing.length > 0) {
  console.error(
    `These locked packages do not run on Node ${oldest} (engines.node ${manifest.engines.node}):`,
  );
  for (const line of refusing) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`every locked package accepts Node ${oldest}`);
