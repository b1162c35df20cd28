// One Rollscope API process as a replica runs it (the API's main module with --database-url), against
// the test cluster, for the several-replicas tests: its own port and data dir, named tokens for the
// people acting, a tRPC client per person, and both a graceful stop and a kill -9.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AppRouter } from "@rollscope/api/router";
import { freePort } from "@rollscope/shared/http/free-port";
import { outputTail } from "@rollscope/shared/process/output-tail";
import { createTRPCClient, httpLink } from "@trpc/client";
import { kubeconfig } from "./cluster";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const apiMain = createRequire(import.meta.url).resolve("@rollscope/api/main");

/** Named tokens shared by every replica, so a person is the same person whichever one answers. */
export function writeTokenFile(people: string[]): { file: string; tokens: Record<string, string> } {
  const tokens = Object.fromEntries(
    people.map((p) => [
      p,
      `${p}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`,
    ]),
  );
  const file = join(mkdtempSync(join(tmpdir(), "rollscope-tokens-")), "tokens");
  writeFileSync(
    file,
    `${Object.entries(tokens)
      .map(([p, t]) => `${p}=${t}`)
      .join("\n")}\n`,
    { mode: 0o600 },
  );
  return { file, tokens };
}

export interface ApiReplica {
  name: string;
  port: number;
  url: string;
  /** A tRPC client acting as the holder of `token`. */
  client(token: string): ReturnType<typeof createTRPCClient<AppRouter>>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<void>;
  output(): string;
}

export async function startApiReplica(options: {
  name: string;
  databaseUrl: string;
  tokenFile: string;
  contextName: string;
  port?: number;
  extraArgs?: string[];
}): Promise<ApiReplica> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), `rollscope-${options.name}-`));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      apiMain,
      ...["--context", options.contextName, "--port", String(port), "--data-dir", dataDir],
      ...["--database-url", options.databaseUrl, "--replica-id", options.name],
      ...["--auth", "token", "--auth-token-file", options.tokenFile],
      ...(options.extraArgs ?? []),
    ],
    {
      cwd: join(repoRoot, "apps/api"),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, KUBECONFIG: kubeconfig, ROLLSCOPE_TOKEN: "", ROLLSCOPE_DATA_DIR: "" },
    },
  );
  const output = outputTail([child.stdout, child.stderr], 12_000);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`replica ${options.name} exited:\n${output()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`replica ${options.name} not ready in 120 s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    name: options.name,
    port,
    url,
    client: (token: string) =>
      createTRPCClient<AppRouter>({
        links: [httpLink({ url: `${url}/api/trpc`, headers: { authorization: `Bearer ${token}` } })],
      }),
    stop: () => stopWith("SIGTERM"),
    kill: () => stopWith("SIGKILL"),
    output,
  };
}
