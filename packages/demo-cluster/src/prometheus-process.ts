// Runs Debian's `prometheus` on loopback for the demo, scraping the simulated mesh, so the dashboard and
// the simulated controllers use real PromQL. Without the binary the demo still runs.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@rollscope/shared/http/free-port";
import { outputTail } from "@rollscope/shared/process/output-tail";

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

export function findPrometheusBinary(): string | undefined {
  const candidate = process.env.PROMETHEUS_BIN ?? "prometheus";
  const probe = spawnSync(candidate, ["--version"], { stdio: "ignore" });
  return probe.status === 0 ? candidate : undefined;
}

async function waitReady(url: string, deadlineMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus did not become ready at ${url} within ${deadlineMs} ms`);
}

/** Starts Prometheus scraping `targets` (host:port) every `scrapeSeconds`. */
export async function startPrometheus(options: {
  binary: string;
  targets: string[];
  scrapeSeconds?: number;
}): Promise<RunningPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), "rollscope-prometheus-"));
  const port = await freePort();
  const interval = `${options.scrapeSeconds ?? 1}s`;
  const config = [
    "global:",
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${interval}`,
    "scrape_configs:",
    "  - job_name: mesh",
    "    static_configs:",
    `      - targets: [${options.targets.map((t) => `"${t}"`).join(", ")}]`,
    "",
  ].join("\n");
  await writeFile(join(dir, "prometheus.yml"), config);
  const child = spawn(
    options.binary,
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--storage.tsdb.retention.time=6h",
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const stderr = outputTail([child.stderr], 2000);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, 20_000, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}${stderr() ? `: ${stderr().trim()}` : ""}`);
  }
  return { url, stop };
}
