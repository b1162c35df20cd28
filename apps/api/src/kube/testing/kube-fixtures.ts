// Helpers for the kube source's tests: kubeconfig files in a temp dir, objects shaped like the real
// ones, a recording logger, and polling with a deadline (no timing assertions).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { loadKubeConfigs } from "../kube-config";
import type { KubeLogger } from "../kube-logger";
import type { RawObject } from "./fake-cluster-state";

export interface ContextEntry {
  context: string;
  server: string;
  token?: string;
  namespace?: string;
}

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "rollscope-kube-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes a kubeconfig; plain-http servers need insecure-skip-tls-verify for client-node to use them. */
export async function writeKubeconfig(
  path: string,
  entries: ContextEntry[],
  current?: string,
): Promise<string> {
  const config = {
    apiVersion: "v1",
    kind: "Config",
    "current-context": current ?? entries[0]?.context ?? "",
    clusters: entries.map((e) => ({
      name: `${e.context}-cluster`,
      cluster: { server: e.server, "insecure-skip-tls-verify": true },
    })),
    users: entries.map((e) => ({ name: `${e.context}-user`, user: { token: e.token ?? "test-token" } })),
    contexts: entries.map((e) => ({
      name: e.context,
      context: {
        cluster: `${e.context}-cluster`,
        user: `${e.context}-user`,
        ...(e.namespace ? { namespace: e.namespace } : {}),
      },
    })),
  };
  await writeFile(path, stringify(config));
  return path;
}

/**
 * A plain-HTTP server on loopback answering as an API server does (`handler`), with `kubeConfig()`
 * loading a kubeconfig for it the way Rollscope loads one. `close()` ends its connections too.
 */
export async function loopbackApiServer(handler: RequestListener) {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tmp = await tempDir();
  return {
    server,
    url,
    async kubeConfig(token = "test-token") {
      const path = await writeKubeconfig(join(tmp.dir, `config-${token}`), [
        { context: "c", server: url, token },
      ]);
      const [loaded] = loadKubeConfigs({ kubeconfig: path });
      if (!loaded) throw new Error("no context");
      return loaded.kubeConfig;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await tmp.remove();
    },
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface LogEntry {
  level: "info" | "warn" | "error";
  obj: object;
  msg: string;
}

export function recordingLogger(): KubeLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return {
    entries,
    info: (obj, msg) => entries.push({ level: "info", obj, msg }),
    warn: (obj, msg) => entries.push({ level: "warn", obj, msg }),
    error: (obj, msg) => entries.push({ level: "error", obj, msg }),
  };
}

const meta = (namespace: string, name: string, labels?: Record<string, string>) => ({
  name,
  namespace,
  ...(labels ? { labels } : {}),
});

export function rollout(namespace: string, name: string): RawObject {
  return {
    metadata: meta(namespace, name),
    spec: { replicas: 2, strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }] } } },
  };
}

export function canary(namespace: string, name: string): RawObject {
  return {
    metadata: meta(namespace, name),
    spec: { targetRef: { apiVersion: "apps/v1", kind: "Deployment", name } },
  };
}

export function deployment(namespace: string, name: string): RawObject {
  return {
    metadata: meta(namespace, name),
    spec: { replicas: 1, template: { spec: { containers: [{ name, image: `${name}:1` }] } } },
  };
}

export function replicaSet(namespace: string, name: string, labels: Record<string, string>): RawObject {
  return { metadata: meta(namespace, name, labels), spec: { replicas: 1 } };
}

export function pod(namespace: string, name: string, labels: Record<string, string>): RawObject {
  return {
    metadata: meta(namespace, name, labels),
    spec: { containers: [{ name: "app", image: "app:1" }] },
    status: { phase: "Running" },
  };
}

export function kubeEvent(
  namespace: string,
  name: string,
  involved: { kind: string; name: string },
  at: Date,
): RawObject {
  return {
    metadata: meta(namespace, name),
    involvedObject: { kind: involved.kind, name: involved.name, namespace },
    reason: "Synced",
    message: `event ${name}`,
    type: "Normal",
    lastTimestamp: at.toISOString(),
  };
}
