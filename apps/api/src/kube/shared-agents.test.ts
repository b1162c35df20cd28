// Requests to one API server share kept connections instead of opening one each (shared-agents.ts).
import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import { CoreV1Api } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KubeHttp } from "./kube-http";
import { idleConnectionMs, KubeConfigWithSharedAgents } from "./shared-agents";
import { loopbackApiServer, waitFor } from "./testing/kube-fixtures";
import { WatchStream } from "./watch-stream";

let api: Awaited<ReturnType<typeof loopbackApiServer>>;
let sockets: Socket[];

beforeEach(async () => {
  sockets = [];
  api = await loopbackApiServer((req, res) => {
    if (req.url?.includes("watch=true")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(
        `${JSON.stringify({ type: "ADDED", object: { metadata: { name: "a", resourceVersion: "1" } } })}\n`,
      );
      return; // stays open, like a watch
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        kind: "NamespaceList",
        apiVersion: "v1",
        metadata: { resourceVersion: "1" },
        items: [],
      }),
    );
  });
  api.server.on("connection", (socket) => sockets.push(socket));
});

afterEach(() => api.close());

const config = (token?: string) => api.kubeConfig(token);

describe("KubeConfigWithSharedAgents", () => {
  it("is what loadKubeConfigs gives every context", async () => {
    expect(await config()).toBeInstanceOf(KubeConfigWithSharedAgents);
  });

  it("sends Rollscope's own lists and the generated clients' calls over one kept connection", async () => {
    const kubeConfig = await config();
    const lists = new KubeHttp(kubeConfig, 5_000);
    const core = kubeConfig.makeApiClient(CoreV1Api);
    for (let i = 0; i < 3; i++) {
      await lists.getJson("/api/v1/namespaces", {});
      await core.listNamespace();
    }
    expect(sockets).toHaveLength(1);
  });

  it("gives a watch its own connection from the same agent, and a list after it reuses the free one", async () => {
    const kubeConfig = await config();
    const lists = new KubeHttp(kubeConfig, 5_000);
    await lists.getJson("/api/v1/namespaces", {});
    const seen: string[] = [];
    const watch = await new WatchStream(kubeConfig).watch(
      "/api/v1/namespaces",
      {},
      (phase) => seen.push(phase),
      () => undefined,
    );
    await waitFor("the watch's first event", () => seen.length > 0);
    await lists.getJson("/api/v1/namespaces", {});
    expect(sockets).toHaveLength(2);
    watch.abort();
  });

  it("keeps connections with a timeout below the API server's idle timeout (90 s)", () => {
    const kubeConfig = new KubeConfigWithSharedAgents();
    const agent = kubeConfig.sharedAgent(new http.Agent());
    expect((agent as unknown as { keepAlive: boolean }).keepAlive).toBe(true);
    expect((agent as http.Agent & { options: { timeout: number } }).options.timeout).toBe(idleConnectionMs);
    expect(idleConnectionMs).toBeLessThan(90_000);
  });

  it("makes a new agent when the TLS settings change (a rotated client certificate) and closes the old one's idle connections", async () => {
    const kubeConfig = new KubeConfigWithSharedAgents();
    const first = kubeConfig.sharedAgent(new https.Agent({ cert: "cert-1", key: "key-1" }));
    expect(kubeConfig.sharedAgent(new https.Agent({ cert: "cert-1", key: "key-1" }))).toBe(first);
    expect(first).toBeInstanceOf(https.Agent);
    const second = kubeConfig.sharedAgent(new https.Agent({ cert: "cert-2", key: "key-1" }));
    expect(second).not.toBe(first);
    expect(first.maxFreeSockets).toBe(0);
    expect(kubeConfig.sharedAgent(new https.Agent({ cert: "cert-2", key: "key-1" }))).toBe(second);
  });

  it("tells plain from TLS connections and a skipped verification from a checked one", async () => {
    const kubeConfig = new KubeConfigWithSharedAgents();
    const checked = kubeConfig.sharedAgent(new https.Agent({ ca: "ca" }));
    const unchecked = kubeConfig.sharedAgent(new https.Agent({ ca: "ca", rejectUnauthorized: false }));
    expect(unchecked).not.toBe(checked);
    expect(kubeConfig.sharedAgent(new http.Agent())).toBeInstanceOf(http.Agent);
    expect(kubeConfig.sharedAgent(new http.Agent())).not.toBeInstanceOf(https.Agent);
  });

  it("uses a proxy's agent as client-node made it", () => {
    class ProxyAgent extends http.Agent {}
    const proxy = new ProxyAgent();
    expect(new KubeConfigWithSharedAgents().sharedAgent(proxy)).toBe(proxy);
  });
});
