// Per-test wiring for the kube source's tests: a fresh fake API server, a kubeconfig file pointing
// at it in a temp dir, and KubeClusterSources built from that file (stopped after each test).
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { KubeClusterSource, type KubeClusterSourceOptions } from "../kube-cluster-source";
import { loadKubeConfigs } from "../kube-config";
import { FakeApiServer } from "./fake-api-server";
import { recordingLogger, tempDir, waitFor, writeKubeconfig } from "./kube-fixtures";

export interface FakeCluster {
  readonly server: FakeApiServer;
  readonly logger: ReturnType<typeof recordingLogger>;
  /** A source for the fake server; started unless `start: false`. Fast backoff and discovery. */
  source(
    options?: Partial<KubeClusterSourceOptions> & { token?: string; start?: boolean },
  ): Promise<KubeClusterSource>;
}

export function useFakeCluster(): FakeCluster {
  let server: FakeApiServer | undefined;
  let tmp: Awaited<ReturnType<typeof tempDir>> | undefined;
  const sources: KubeClusterSource[] = [];
  const logger = recordingLogger();

  beforeEach(async () => {
    server = new FakeApiServer();
    await server.start();
    tmp = await tempDir();
    logger.entries.length = 0;
  });

  afterEach(async () => {
    for (const source of sources.splice(0)) await source.stop();
    await server?.stop();
    await tmp?.remove();
  });

  const current = () => {
    if (!server || !tmp) throw new Error("useFakeCluster() is only usable inside a test");
    return { server, dir: tmp.dir };
  };

  return {
    get server() {
      return current().server;
    },
    logger,
    async source({ token, start = true, ...options } = {}) {
      const { server, dir } = current();
      const path = await writeKubeconfig(join(dir, "config"), [
        { context: "fake", server: server.url, token },
      ]);
      const [config] = loadKubeConfigs({ kubeconfig: path });
      if (!config) throw new Error("the kubeconfig has no context");
      const source = new KubeClusterSource({
        kubeConfig: config.kubeConfig,
        logger,
        backoff: { initialMs: 20, maxMs: 200 },
        discoveryIntervalMs: 100,
        conflictDelayMs: 1,
        requestTimeoutMs: 5_000,
        ...options,
      });
      sources.push(source);
      if (start) await source.start();
      return source;
    },
  };
}

/** Waits until the source reports connected, and returns that health. */
export function whenConnected(source: KubeClusterSource) {
  return waitFor("connected", () => source.health().state === "connected" && source.health());
}
