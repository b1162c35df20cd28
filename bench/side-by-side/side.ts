// What the bench needs of each dashboard, and the process handling both share.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { outputTail } from "@rollscope/shared/process/output-tail";
import type { StreamClient } from "./stream-client";

export interface ListReading {
  ms: number;
  bytes: number;
  /** Rollouts in the answer. */
  rollouts: number;
  /** Every delivery in the answer (Rollscope lists Flagger Canaries too). */
  deliveries?: number;
}

export interface Dashboard {
  name: string;
  /** Where it serves (Rollscope: pages and API). */
  url?: string;
  /** The process that runs everything this dashboard needs (its tree is measured). */
  pid: number;
  /** Resolves once it serves and its list holds `rollouts` Rollouts. */
  ready(rollouts: number, deadline: number): Promise<void>;
  /** The full list, as a page load fetches it. */
  list(): Promise<ListReading>;
  /** A live stream of the list, as an open tab holds it; synced once it has `rollouts` Rollouts. */
  stream(rollouts: number): StreamClient;
  stop(): Promise<void>;
}

/**
 * Runs a command in its own process group (so stop ends all it started), keeping its output's tail
 * and writing all of it to `logFile`.
 */
export function spawnGroup(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
) {
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(options.logFile);
  for (const stream of [child.stdout, child.stderr]) stream?.on("data", (chunk: Buffer) => log.write(chunk));
  const output = outputTail([child.stdout, child.stderr], 8_000);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (child.pid === undefined) throw new Error(`${command} did not start`);
  const pid = child.pid;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is gone already
    }
  };
  return {
    pid,
    output,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      signalGroup("SIGKILL");
    },
  };
}

/** GET `url`, the time until the whole body is in, and the body. */
export async function timedGet(url: string): Promise<{ ms: number; body: string }> {
  const start = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  const ms = performance.now() - start;
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}: ${body.slice(0, 300)}`);
  return { ms, body };
}

/** Where a dashboard's output goes: the temporary directory, named by side and start time. */
export const logFileFor = (side: string) =>
  join(tmpdir(), `side-by-side-${side}-${new Date().toISOString().replace(/[:.]/g, "-")}.log`);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
