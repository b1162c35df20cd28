#!/usr/bin/env node
// Fails, naming them, when package-lock.json lacks an optional dependency that a locked package declares
// (the per-platform binaries of Biome, Next's SWC, esbuild, turbo…). npm records only the current
// platform's binaries when the lockfile is written over an existing node_modules; on any other platform
// `npm ci` then refuses the lockfile or installs a package without its binary.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const packages = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")).packages;

/** Where Node's resolution finds `name` from the package at `path`: its own node_modules, then each parent's. */
function isLocked(path, name) {
  for (let base = path; ; ) {
    if (packages[`${base ? `${base}/` : ""}node_modules/${name}`]) return true;
    if (!base) return false;
    const parent = base.lastIndexOf("/node_modules/");
    base = parent < 0 ? "" : base.slice(0, parent);
  }
}

const missing = Object.entries(packages).flatMap(([path, entry]) =>
  Object.keys(entry.optionalDependencies ?? {})
    .filter((name) => !isLocked(path, name))
    .map((name) => `${path || "(root)"} -> ${name}`),
);
if (missing.length > 0) {
  console.error("package-lock.json lacks these optional dependencies (other platforms' binaries):");
  for (const line of missing) console.error(`  ${line}`);
  console.error(
    "Delete the named parents' entries (and their binaries') from package-lock.json, then run `npm install --package-lock-only`.",
  );
  process.exit(1);
}
console.log("package-lock.json records every optional dependency, for every platform");
