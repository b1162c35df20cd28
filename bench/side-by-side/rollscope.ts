// Rollscope as `npm start` runs it (scripts/start.mjs: one process serving the pages and the API),
// measured through the web port as a browser uses it: GET /api/trpc/deliveries.list for the list and
// the tRPC subscription deliveries.watchList over SSE (a snapshot in pages ending with
// "complete":true, then batches of changes).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { freePort } from "@rollscope/shared/http/free-port";
import { repoRoot } from "./cluster";
import { type Dashboard, logFileFor, sleep, spawnGroup, timedGet } from "./side";
import { openStream } from "./stream-client";

const listInput = encodeURIComponent(JSON.stringify({}));
const watchInput = encodeURIComponent(JSON.stringify({ filters: {} }));

function listItems(body: string): unknown[] {
  const parsed = JSON.parse(body) as { result?: { data?: unknown } };
  const data = parsed.result?.data as unknown[] | { json?: unknown[] } | undefined;
  return Array.isArray(data) ? data : (data?.json ?? []);
}

const countRollouts = (items: unknown[]) =>
  items.filter((d) => (d as { ref?: { kind?: string } }).ref?.kind === "Rollout").length;

/** What `npm start` runs (package.json): `[NAME=value …] node [flags] scripts/start.mjs`. */
function npmStart(): { env: Record<string, string>; nodeFlags: string[] } {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const words = manifest.scripts.start.split(/\s+/);
  const env: Record<string, string> = {};
  let at = 0;
  for (; /^[A-Z_][A-Z0-9_]*=/.test(words[at] ?? ""); at++) {
    const [name = "", ...value] = (words[at] ?? "").split("=");
    env[name] = value.join("=");
  }
  const script = words.indexOf("scripts/start.mjs");
  if (words[at] !== "node" || script < 0)
    throw new Error(`npm start is not "[NAME=value …] node … scripts/start.mjs": ${manifest.scripts.start}`);
  return { env, nodeFlags: words.slice(at + 1, script) };
}

/**
 * What a first `npm start` does before it serves (the web export, the API bundle), done before the
 * clock starts: the bench measures a start as people repeat it, not the one after an upgrade.
 */
export async function prepareRollscope(): Promise<void> {
  const web = join(repoRoot, "apps/web");
  if (!existsSync(join(web, "out/index.html"))) {
    const build = spawnSync("npx", ["next", "build"], { cwd: web, stdio: "inherit" });
    if (build.status !== 0) throw new Error("side-by-side: building the web app failed");
  }
  const { bundleServer, stopBundler } = (await import(
    pathToFileURL(join(repoRoot, "scripts/bundle-server.mjs")).href
  )) as {
    bundleServer: (packageDir: string, entry: string, outfile: string) => Promise<string>;
    stopBundler: () => Promise<void>;
  };
  await bundleServer(join(repoRoot, "apps/api"), "src/main.ts", "dist/main.js");
  await stopBundler();
}

export async function startRollscope(options: { kubeconfig: string; context: string }): Promise<Dashboard> {
  const webPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "rollscope-side-by-side-"));
  const start = npmStart();
  const env: NodeJS.ProcessEnv = { ...process.env, ...start.env, KUBECONFIG: options.kubeconfig };
  for (const name of ["ROLLSCOPE_READ_ONLY", "ROLLSCOPE_TOKEN", "ROLLSCOPE_DATA_DIR", "PORT", "API_PORT"])
    delete env[name];
  // The environment and node flags of `npm start` (package.json), then BENCH_ROLLSCOPE_NODE_FLAGS, which go to
  // Rollscope's node only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeFlags = [
    ...start.nodeFlags,
    ...(process.env.BENCH_ROLLSCOPE_NODE_FLAGS ?? "").split(" ").filter(Boolean),
  ];
  const process_ = spawnGroup(
    process.execPath,
    [
      ...nodeFlags,
      join(repoRoot, "scripts/start.mjs"),
      ...["--port", String(webPort)],
      ...["--data-dir", dataDir, "--context", options.context],
    ],
    { cwd: repoRoot, env, logFile: logFileFor("rollscope") },
  );
  const web = `http://127.0.0.1:${webPort}`;
  const list = async () => {
    const { ms, body } = await timedGet(`${web}/api/trpc/deliveries.list?input=${listInput}`);
    const items = listItems(body);
    return { ms, bytes: Buffer.byteLength(body), rollouts: countRollouts(items), deliveries: items.length };
  };
  return {
    name: "Rollscope",
    url: web,
    pid: process_.pid,
    ready: async (rollouts, deadline) => {
      for (;;) {
        if (!process_.running()) throw new Error(`Rollscope exited:\n${process_.output()}`);
        const serving = /dashboard at http/.test(process_.output());
        const seen = serving
          ? await list().then(
              (l) => l.rollouts,
              () => -1,
            )
          : -1;
        if (seen >= rollouts) return;
        if (Date.now() > deadline)
          throw new Error(`Rollscope lists ${seen}/${rollouts}\n${process_.output()}`);
        await sleep(250);
      }
    },
    list,
    stream: () =>
      openStream(
        `${web}/api/trpc/deliveries.watchList?input=${watchInput}`,
        { delimiter: "\n\n", synced: (message) => message.includes('"complete":true') },
        { accept: "text/event-stream" },
      ),
    stop: async () => {
      await process_.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
