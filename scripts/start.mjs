#!/usr/bin/env node
// `npm start`: the dashboard at http://localhost:3100, pages and API from one process on one port.
//   npm start -- [--port 3100] [--web-host 127.0.0.1] [API flags: --demo, --snapshot DIR, --context NAME, …]
// Builds the web app (a static export) first if it has never been built, bundles the API with esbuild
// (under a second) and runs it in this process, serving the exported pages beside /api. Every flag but
// the three below is the API's, validated by its configuration schema (apps/api/src/config/config.ts).
// `npm start` runs node with --max-semi-space-size=4 (V8 reads it only at start-up): its young generation
// otherwise grows to 16 MB a semi-space under load and stays there. Measured with bench/side-by-side:
// at 100 Rollouts 4 MB took about 30 MB less resident memory for the same CPU; 1 MB saved as much there
// but at 1,000 promoted so much that the peak grew by 130 MB and 20 tabs took 2.7 times as long to sync.
// It also sets MALLOC_ARENA_MAX=2: glibc otherwise gives each thread that allocates (libsql's, the
// compressors' thread pool, V8's helpers) an arena of its own; two took about 8 MB less at 100 Rollouts.
// Source maps are off: reading the bundle's map took about 6 MB. Stacks still name each function (the
// bundle keeps names); NODE_OPTIONS=--enable-source-maps gives stacks with the sources' lines.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { bundleServer, stopBundler } from "./bundle-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);

// Only start's own flags are read here; the others stay, in order, for the API.
const own = new Set(["port", "web-host", "api-port"]);
const { values, tokens } = parseArgs({
  args,
  strict: false,
  tokens: true,
  options: { port: { type: "string" }, "web-host": { type: "string" }, "api-port": { type: "string" } },
});
const consumed = new Set();
for (const token of tokens) {
  if (token.kind !== "option" || !own.has(token.name)) continue;
  consumed.add(token.index);
  if (token.inlineValue === false) consumed.add(token.index + 1);
  if (typeof token.value !== "string" || token.value.startsWith("--")) {
    console.error(
      `rollscope: --${token.name} needs a value, e.g. --${token.name}=${token.name === "web-host" ? "0.0.0.0" : "3100"}`,
    );
    process.exit(2);
  }
}
if (values["api-port"] !== undefined)
  console.error("rollscope: --api-port is no longer used: the dashboard and its API share --port");
const port = values.port ?? process.env.PORT ?? "3100";
const host = values["web-host"] ?? process.env.WEB_HOST ?? "127.0.0.1";
const apiArgs = args.filter((_, i) => !consumed.has(i));

const web = join(root, "apps/web");
const pages = join(web, "out");
if (!existsSync(join(pages, "index.html"))) {
  console.error("rollscope: building the web app (first start only; `npm run build` rebuilds)…");
  const build = spawnSync("npx", ["next", "build"], { cwd: web, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const apiMain = await bundleServer(join(root, "apps/api"), "src/main.ts", "dist/main.js");
await stopBundler();

process.env.NODE_ENV ??= "production";
process.argv = [process.argv[0], apiMain, "--port", port, "--host", host, "--web-dir", pages, ...apiArgs];
console.error(`rollscope: dashboard at http://${host === "127.0.0.1" ? "localhost" : host}:${port}`);
await import(pathToFileURL(apiMain).href);
