#!/usr/bin/env node
// `npm start`: the dashboard at http://localhost:3100 (web) backed by the API on loopback.
//   npm start -- [--port 3100] [--api-port 3101] [API flags: --demo, --snapshot DIR, --context NAME, …]
// Builds the web app first if it has never been built. A busy port ends with one line naming it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleServer, stopBundler } from "./bundle-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);

function takeFlag(name, fallback) {
  const i = args.indexOf(name);
  if (i === -1) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

/** Every value of a repeatable flag, left in place for the API, which validates it. */
function flagValues(name) {
  const out = [];
  for (let i = 0; i < args.length; i++)
    if (args[i] === name && args[i + 1] !== undefined) out.push(args[i + 1]);
  return out;
}

const webPort = Number(takeFlag("--port", process.env.PORT ?? "3100"));
const apiPort = Number(takeFlag("--api-port", process.env.API_PORT ?? "3101"));
const host = takeFlag("--web-host", process.env.WEB_HOST ?? "127.0.0.1");
// The token goes to the API through its environment, so it does not show in the API's command line.
const commandLineToken = takeFlag("--auth-token", undefined);
if (commandLineToken !== undefined)
  console.error(
    "rollscope: --auth-token is visible in the process list; prefer --auth-token-file FILE or ROLLSCOPE_TOKEN",
  );
const allowedHosts = [
  ...flagValues("--allowed-host"),
  ...(process.env.ROLLSCOPE_ALLOWED_HOSTS ?? "").split(",").filter(Boolean),
];

function portFree(port, bindHost) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, bindHost, () => server.close(() => resolve(true)));
  });
}

if (!(await portFree(webPort, host))) {
  console.error(`rollscope: port ${webPort} is already in use: start with --port N (or PORT=N)`);
  process.exit(1);
}
if (!(await portFree(apiPort, "127.0.0.1"))) {
  console.error(`rollscope: API port ${apiPort} is already in use: start with --api-port N (or API_PORT=N)`);
  process.exit(1);
}

const web = join(root, "apps/web");
if (!existsSync(join(web, ".next/BUILD_ID"))) {
  console.error("rollscope: building the web app (first start only; `npm run build` rebuilds)…");
  const build = spawnSync("npx", ["next", "build"], { cwd: web, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Both servers run as bundled JavaScript, rebuilt from the sources at every start (under a second).
const [apiMain, webMain] = await Promise.all([
  bundleServer(join(root, "apps/api"), "src/main.ts", "dist/main.js"),
  bundleServer(web, "src/server/main.ts", "dist/server/main.js"),
]);
await stopBundler();

const children = [];
function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

const api = spawn(process.execPath, ["--enable-source-maps", apiMain, "--port", String(apiPort), ...args], {
  cwd: process.cwd(),
  // The API lets the web app's own origin (this port) send mutations, and refuses to start when the
  // web app is exposed beyond loopback without a token, read-only mode or --allow-anonymous.
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(webPort),
    ROLLSCOPE_WEB_HOST: host,
    ...(commandLineToken !== undefined ? { ROLLSCOPE_TOKEN: commandLineToken } : {}),
  },
  stdio: ["ignore", "inherit", "inherit"],
});
children.push(api);
api.on("exit", (code) => {
  console.error(`rollscope: the API exited (code ${code})`);
  stopAll(code ?? 1);
});

// Wait for the API before opening the door, so the first page load has data.
const deadline = Date.now() + 60_000;
while (Date.now() < deadline) {
  const ok = await fetch(`http://127.0.0.1:${apiPort}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  await new Promise((r) => setTimeout(r, 200));
}

// The web server runs in this process: one process fewer than a launcher beside two servers. It
// never needs the token, so the token leaves this environment (the API has its own copy).
delete process.env.ROLLSCOPE_TOKEN;
delete process.env.ROLLSCOPE_TOKEN_FILE;
Object.assign(process.env, {
  NODE_ENV: "production",
  PORT: String(webPort),
  WEB_HOST: host,
  ROLLSCOPE_API_URL: `http://127.0.0.1:${apiPort}`,
  ROLLSCOPE_ALLOWED_HOSTS: allowedHosts.join(","),
});
// However this process ends (a signal, the web server failing to start), the API ends with it.
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
});
process.chdir(web);
process.setSourceMapsEnabled(true);
console.error(`rollscope: dashboard at http://localhost:${webPort} (API on 127.0.0.1:${apiPort})`);
await import(pathToFileURL(webMain).href);
