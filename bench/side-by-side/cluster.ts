// The test cluster (e2e/cluster): built and started by its own scripts, read through its state file,
// and written to over HTTPS with the admin kubeconfig (a request per change, no kubectl start-up in
// the measured time).
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { markerWaiters } from "./marker-waiters";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const clusterScripts = join(repoRoot, "e2e/cluster");
const stateDir =
  process.env.ROLLSCOPE_CLUSTER_DIR ??
  join(process.env.ROLLSCOPE_CACHE ?? join(homedir(), ".cache", "rollscope"), "cluster");

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}, quiet = false): number {
  const result = spawnSync("bash", [join(clusterScripts, script), ...args], {
    stdio: ["ignore", quiet ? "ignore" : "inherit", quiet ? "ignore" : "inherit"],
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

/** Builds what is missing: the cluster's default set and the Argo Rollouts dashboard (the plugin). */
export function buildComponents(): void {
  if (runScript("build.sh", ["all", "argo-dashboard"]) !== 0) throw new Error("e2e/cluster/build.sh failed");
}

export const clusterRunning = () => runScript("stop.sh", ["--check"], {}, true) === 0;

export function startCluster(): void {
  if (runScript("start.sh", [], { ROLLSCOPE_FLAGGER_INTERVAL: "2s" }) !== 0)
    throw new Error("e2e/cluster/start.sh failed");
}

export function stopCluster(): void {
  runScript("stop.sh", []);
}

/**
 * Stops or starts one component of the running cluster (e2e/cluster/ctl.sh). The bench stops the
 * simulated mesh: it serves traffic figures for every Rollout (most of a core at 1,000 Rollouts), which
 * neither dashboard reads and these Rollouts (no traffic routing, no analysis) do not need.
 */
export function clusterComponent(action: "stop" | "start", name: string): void {
  runScript("ctl.sh", [action, name]);
}

/** state.env of the running cluster (KEY=value lines). */
export function clusterState(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(join(stateDir, "state.env"), "utf8").split("\n")) {
    const match = /^([A-Z_0-9]+)=["']?(.*?)["']?$/.exec(line.trim());
    if (match?.[1]) out[match[1]] = match[2] ?? "";
  }
  return out;
}

export function kubectl(state: Record<string, string>, args: string[], input?: string): string {
  return execFileSync(join(state.ROLLSCOPE_BIN ?? "", "kubectl"), args, {
    env: { ...process.env, KUBECONFIG: state.ROLLSCOPE_KUBECONFIG },
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    ...(input !== undefined ? { input } : {}),
  });
}

interface KubeconfigFile {
  clusters: Array<{ name: string; cluster: { server: string; "certificate-authority-data": string } }>;
  users: Array<{ name: string; user: { "client-certificate-data": string; "client-key-data": string } }>;
}

export interface KubeClient {
  /** The status code and body of one request to the API server. */
  send(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<{ status: number; body: string }>;
  /** A watch of `path` (`?watch=1`) straight from the API server: the floor under any dashboard's stream. */
  watch(path: string): MarkerWatch;
  close(): void;
}

export interface MarkerWatch {
  /** Resolves with performance.now() when a watch event containing `marker` has arrived. */
  waitFor(marker: string, timeoutMs?: number): Promise<number>;
  close(): void;
}

/** A client of the API server with the admin client certificate of `start.sh`'s kubeconfig. */
export function kubeClient(kubeconfigPath: string): KubeClient {
  const config = parse(readFileSync(kubeconfigPath, "utf8")) as KubeconfigFile;
  const cluster = config.clusters[0]?.cluster;
  const user = config.users[0]?.user;
  if (!cluster || !user) throw new Error(`${kubeconfigPath}: no cluster or user`);
  const fromBase64 = (data: string) => Buffer.from(data, "base64");
  const agent = new Agent({
    keepAlive: true,
    ca: fromBase64(cluster["certificate-authority-data"]),
    cert: fromBase64(user["client-certificate-data"]),
    key: fromBase64(user["client-key-data"]),
  });
  const server = new URL(cluster.server);
  return {
    send: (method, path, body, contentType = "application/json") =>
      new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const req = request(
          {
            agent,
            host: server.hostname,
            port: server.port,
            method,
            path,
            headers: {
              accept: "application/json",
              ...(payload !== undefined ? { "content-type": contentType } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
            );
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(payload);
      }),
    watch: (path) => {
      const markers = markerWaiters(`the API server's watch of ${path}`);
      // Markers are looked for in the text since the last newline, so one split across chunks is found.
      let tail = "";
      const req = request({ agent, host: server.hostname, port: server.port, path }, (res) => {
        res.setEncoding("utf8");
        res.on("data", (text: string) => {
          const seen = tail + text;
          markers.seen(seen, performance.now());
          tail = seen.slice(seen.lastIndexOf("\n") + 1);
        });
      });
      req.on("error", () => {}); // closing the watch aborts it
      req.end();
      return {
        waitFor: (marker, timeoutMs = 15_000) => markers.waitFor(marker, timeoutMs),
        close: () => req.destroy(),
      };
    },
    close: () => agent.destroy(),
  };
}
