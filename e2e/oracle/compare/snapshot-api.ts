// The real Rollscope API serving a snapshot folder over HTTP on loopback, as
// `rollscope-api --snapshot DIR` runs, with a token so every read goes through the normal checks.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@rollscope/shared/http/free-port";
import { outputTail } from "@rollscope/shared/process/output-tail";
import type { ApiClient } from "./rollscope-view";

const apiMain = createRequire(import.meta.url).resolve("@rollscope/api/main");

export interface SnapshotApi extends ApiClient {
  /** The cluster name the API gives the snapshot (its folder's name). */
  cluster: string;
  stop(): Promise<void>;
}

/** Starts the API and waits until it lists `rollouts` deliveries (the snapshot is loaded). */
export async function startSnapshotApi(
  repoRoot: string,
  snapshotDir: string,
  rollouts: number,
  deadlineMs = 180_000,
): Promise<SnapshotApi> {
  const port = await freePort();
  const token = randomBytes(24).toString("hex");
  const dataDir = mkdtempSync(join(tmpdir(), "rollscope-oracle-data-"));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", apiMain, "--snapshot", snapshotDir, "--port", String(port), "--data-dir", dataDir],
    {
      cwd: repoRoot,
      env: { ...process.env, ROLLSCOPE_TOKEN: token, ROLLSCOPE_LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output = outputTail([child.stdout, child.stderr], 8_000);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      child.kill("SIGKILL");
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const list = await fetch(`${baseUrl}/api/trpc/deliveries.list`, {
      headers: { authorization: `Bearer ${token}` },
    })
      .then((r) =>
        r.ok ? (r.json() as Promise<{ result: { data: Array<{ ref: { cluster: string } }> } }>) : undefined,
      )
      .catch(() => undefined);
    const deliveries = list?.result.data ?? [];
    if (deliveries.length >= rollouts && deliveries[0]) {
      return { baseUrl, token, cluster: deliveries[0].ref.cluster, stop };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the API did not serve the snapshot\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
