// Rollscope started as a user starts it (scripts/start.mjs) against the test cluster, for the browser
// tests: the user's environment with the cluster's kubeconfig, and a stop that ends the whole
// process group.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { outputTail } from "@rollscope/shared/process/output-tail";
import { kubeconfig } from "./cluster";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The test's environment with the kubeconfig of the test cluster, and without settings a developer's
 * shell may carry that would change what the dashboard allows. */
function userEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KUBECONFIG: kubeconfig };
  for (const name of ["ROLLSCOPE_READ_ONLY", "ROLLSCOPE_TOKEN", "ROLLSCOPE_DATA_DIR", "PORT", "API_PORT"])
    delete env[name];
  return env;
}

/** Rollscope (pages and API on one port) as `KUBECONFIG=… npm start -- --context rollscope-test` runs it. Returns
 * at once, so the caller can always stop it; `ready` gives the dashboard's address once it serves. */
export function startRollscope(options: {
  webPort: number;
  dataDir: string;
  deadline: number;
  /** Further flags, e.g. the context and the auth mode. */
  args: string[];
  /** Further environment, e.g. a token. */
  env?: NodeJS.ProcessEnv;
}) {
  const { webPort, dataDir, deadline } = options;
  // Its own process group, so stopping it also stops anything it spawned (a local Prometheus).
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, "scripts/start.mjs"),
      ...["--port", String(webPort)],
      ...["--data-dir", dataDir],
      ...options.args,
    ],
    {
      cwd: repoRoot,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...userEnvironment(), ...options.env },
    },
  );
  const output = outputTail([child.stdout, child.stderr], 8_000);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        // the group is gone already
      }
    };
    signalGroup("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    signalGroup("SIGKILL");
  };
  const diagnostics = () => `rollscope output (tail):\n${output()}`;
  const printedUrl = () => /dashboard at (http:\/\/\S+)/.exec(output())?.[1];
  const serves = (url: string) =>
    fetch(url).then(
      (r) => r.ok,
      () => false,
    );
  const isReady = async () =>
    printedUrl() !== undefined &&
    (await serves(`http://127.0.0.1:${webPort}/api/session`)) &&
    (await serves(`http://127.0.0.1:${webPort}/readyz`));
  // start.mjs builds the web app first when apps/web/out is missing, which takes minutes.
  const ready = (async () => {
    while (!(await isReady())) {
      if (child.exitCode !== null)
        throw new Error(`rollscope exited with ${child.exitCode}\n${diagnostics()}`);
      if (Date.now() > deadline) throw new Error(`rollscope did not come up in time\n${diagnostics()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    // A loopback address of the dashboard's port: the page's own origin may act, whichever it is.
    return `http://127.0.0.1:${webPort}`;
  })();
  return { ready, stop, diagnostics };
}
