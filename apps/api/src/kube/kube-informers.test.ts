// The kube source's informers against the fake API server: initial sync, watch events, 410 re-lists,
// disconnects and restarts without ghost objects, missing CRDs, namespace restriction, Event bounds.
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadKubeConfigs } from "./kube-config";
import { KubeClusterSource, type KubeClusterSourceOptions } from "./kube-cluster-source";
import { FakeApiServer } from "./testing/fake-api-server";
import {
  canary,
  deployment,
  kubeEvent,
  pod,
  recordingLogger,
  replicaSet,
  rollout,
  tempDir,
  waitFor,
  writeKubeconfig,
} from "./testing/kube-fixtures";

let server: FakeApiServer;
let tmp: { dir: string; remove: () => Promise<void> };
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
  await server.stop();
  await tmp.remove();
});

async function connect(options: Partial<KubeClusterSourceOptions> = {}, token?: string): Promise<KubeClusterSource> {
  const path = await writeKubeconfig(join(tmp.dir, "config"), [{ context: "fake", server: server.url, token }]);
  const [config] = loadKubeConfigs({ kubeconfig: path });
  if (!config) throw new Error("no context");
  const source = new KubeClusterSource({
    kubeConfig: config.kubeConfig,
    logger,
    backoff: { initialMs: 20, maxMs: 200 },
    discoveryIntervalMs: 100,
    ...options,
  });
  sources.push(source);
  await source.start();
  return source;
}

const connected = (source: KubeClusterSource) => () => source.health().state === "connected" && source.health();

describe("KubeClusterSource informers", () => {
  it("lists every watched kind, then reports connected and synced", async () => {
    const { state } = server;
    state.create("Rollout", rollout("shop", "web"));
    state.create("Canary", canary("shop", "api"));
    state.create("Deployment", deployment("shop", "api"));
    state.create("ReplicaSet", replicaSet("shop", "web-abc", { "rollouts-pod-template-hash": "abc" }));
    state.create("ReplicaSet", replicaSet("shop", "api-123", { "pod-template-hash": "123" }));
    state.create("Pod", pod("shop", "web-abc-1", { "rollouts-pod-template-hash": "abc" }));
    state.create("Pod", pod("shop", "api-123-1", { "pod-template-hash": "123" }));
    state.create("Pod", pod("kube-system", "node-agent-x", { "controller-revision-hash": "77" }));
    state.create("Event", kubeEvent("shop", "web.1", { kind: "Rollout", name: "web" }, new Date()));
    state.create("Event", kubeEvent("shop", "web-abc-1.1", { kind: "Pod", name: "web-abc-1" }, new Date()));

    const source = await connect();
    const health = await waitFor("connected", connected(source));

    expect(health).toMatchObject({ state: "connected", synced: true, absent: [] });
    expect(health.lastError).toBeUndefined();
    expect(source.name).toBe("fake");
    expect(source.label).toBe(`fake (${server.url})`);
    const { store } = source;
    expect(store.get("Rollout", "shop", "web")?.spec.replicas).toBe(2);
    expect(store.get("Canary", "shop", "api")).toBeDefined();
    expect(store.list("ReplicaSet").map((r) => r.metadata.name).sort()).toEqual(["api-123", "web-abc"]);
    // DaemonSet-style pods carry neither pod-template hash label and are not watched.
    expect(store.list("Pod").map((p) => p.metadata.name).sort()).toEqual(["api-123-1", "web-abc-1"]);
    // Only Events about the kinds Rollscope shows.
    expect(store.list("Event").map((e) => e.metadata.name)).toEqual(["web.1"]);
    // List items of built-in kinds arrive without apiVersion/kind; the cache fills them in.
    expect(store.get("Pod", "shop", "web-abc-1")).toMatchObject({ apiVersion: "v1", kind: "Pod" });
    expect(store.get("Deployment", "shop", "api")).toMatchObject({ apiVersion: "apps/v1", kind: "Deployment" });
  });

  it("applies watch events: added, modified and deleted objects reach the store", async () => {
    server.state.create("Rollout", rollout("shop", "old"));
    const source = await connect();
    await waitFor("connected", connected(source));

    server.state.create("Rollout", rollout("shop", "web"));
    server.state.update("Rollout", "shop", "web", (o) => ({ ...o, spec: { replicas: 5 } }));
    server.state.delete("Rollout", "shop", "old");

    await waitFor("watch events", () => source.store.get("Rollout", "shop", "web")?.spec.replicas === 5);
    await waitFor("deletion", () => source.store.get("Rollout", "shop", "old") === undefined);
    const lists = server.requestsTo("GET", "/apis/argoproj.io/v1alpha1/rollouts").filter((r) => !r.query.get("watch"));
    expect(lists).toHaveLength(1);
  });

  it("re-lists after 410 Gone, removing objects whose deletion no watch reported", async () => {
    server.state.create("Rollout", rollout("shop", "web"));
    server.state.create("Rollout", rollout("shop", "gone"));
    const source = await connect();
    await waitFor("connected", connected(source));

    server.state.deleteSilently("Rollout", "shop", "gone");
    server.expireWatches();

    await waitFor("re-list", () => source.store.get("Rollout", "shop", "gone") === undefined);
    expect(source.store.get("Rollout", "shop", "web")).toBeDefined();
    const lists = server.requestsTo("GET", "/apis/argoproj.io/v1alpha1/rollouts").filter((r) => !r.query.get("watch"));
    expect(lists.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps up across abrupt watch disconnects", async () => {
    server.state.create("Rollout", rollout("shop", "web"));
    const source = await connect();
    await waitFor("connected", connected(source));

    server.dropWatches();
    server.state.update("Rollout", "shop", "web", (o) => ({ ...o, spec: { replicas: 7 } }));
    server.state.create("Rollout", rollout("shop", "new"));

    await waitFor("changes after the drop", () => source.store.get("Rollout", "shop", "web")?.spec.replicas === 7);
    await waitFor("creation after the drop", () => source.store.get("Rollout", "shop", "new"));
    await waitFor("connected again", connected(source));
  });

  it("reconnects after an API server restart with no ghosts of objects deleted meanwhile", async () => {
    server.state.create("Rollout", rollout("shop", "web"));
    server.state.create("Rollout", rollout("shop", "doomed"));
    server.state.create("Pod", pod("shop", "web-1", { "rollouts-pod-template-hash": "abc" }));
    const source = await connect();
    await waitFor("connected", connected(source));
    const changes: string[] = [];
    source.onHealthChange((h) => changes.push(h.state));

    await server.stop();
    const down = await waitFor("reconnecting", () => source.health().state === "reconnecting" && source.health());
    expect(down.lastError).toMatch(/cannot reach the API server/);
    expect(down.synced).toBe(true);
    server.state.delete("Rollout", "shop", "doomed");
    server.state.delete("Pod", "shop", "web-1");
    server.state.create("Rollout", rollout("shop", "born"));
    server.state.compact(); // the restarted server cannot replay what happened while it was down
    await server.start();

    await waitFor("connected again", connected(source));
    expect(source.store.get("Rollout", "shop", "doomed")).toBeUndefined();
    expect(source.store.get("Pod", "shop", "web-1")).toBeUndefined();
    expect(source.store.get("Rollout", "shop", "born")).toBeDefined();
    expect(changes).toContain("reconnecting");
    expect(changes.at(-1)).toBe("connected");
  });

  it("marks missing controllers absent without an error, and watches their CRDs once installed", async () => {
    server.groups.delete("flagger.app/v1beta1");
    server.groups.delete("networking.istio.io/v1beta1");
    const source = await connect();
    const health = await waitFor("connected", connected(source));

    expect(health.lastError).toBeUndefined();
    expect(health.absent.map((a) => a.controller)).toEqual(["flagger", "istio"]);
    expect(health.absent[0]?.hint).toMatch(/Flagger CRDs not installed/);

    server.groups.add("flagger.app/v1beta1");
    server.state.create("Canary", canary("shop", "api"));
    await waitFor("canary watched", () => source.store.get("Canary", "shop", "api"));
    await waitFor("flagger present", () => source.health().absent.length === 1);
    expect(source.health().absent[0]?.controller).toBe("istio");
  });

  it("treats an argoproj.io group without rollouts (Argo CD only) as Argo Rollouts absent", async () => {
    server.groups.delete("argoproj.io/v1alpha1");
    const source = await connect();
    const health = await waitFor("connected", connected(source));
    expect(health.absent.map((a) => a.controller)).toEqual(["argo"]);
  });

  it("watches only the given namespaces", async () => {
    server.state.create("Rollout", rollout("shop", "web"));
    server.state.create("Rollout", rollout("other", "web"));
    const source = await connect({ namespaces: ["shop"] });
    await waitFor("connected", connected(source));

    expect(source.store.list("Rollout").map((r) => r.metadata.namespace)).toEqual(["shop"]);
    const paths = new Set(server.requests.filter((r) => r.method === "GET").map((r) => r.path));
    expect(paths).toContain("/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts");
    expect(paths).not.toContain("/apis/argoproj.io/v1alpha1/rollouts");
    // Cluster-scoped kinds are watched once, whatever the restriction.
    expect(paths).toContain("/apis/argoproj.io/v1alpha1/clusteranalysistemplates");
  });

  it("keeps at most eventsPerObject Events per involved object, newest first", async () => {
    const t0 = Date.parse("2025-01-01T00:00:00Z");
    for (let i = 0; i < 5; i += 1) {
      server.state.create("Event", kubeEvent("shop", `web.${i}`, { kind: "Rollout", name: "web" }, new Date(t0 + i * 1000)));
    }
    server.state.create("Event", kubeEvent("shop", "api.0", { kind: "Canary", name: "api" }, new Date(t0)));
    const source = await connect({ eventsPerObject: 3 });
    await waitFor("connected", connected(source));
    const names = () => source.store.list("Event").map((e) => e.metadata.name).sort();
    expect(names()).toEqual(["api.0", "web.2", "web.3", "web.4"]);

    server.state.create("Event", kubeEvent("shop", "web.5", { kind: "Rollout", name: "web" }, new Date(t0 + 5000)));
    await waitFor("oldest evicted", () => names().join() === "api.0,web.3,web.4,web.5");
  });

  it("reads lists in pages", async () => {
    server.maxPageSize = 2;
    for (let i = 0; i < 5; i += 1) server.state.create("Rollout", rollout("shop", `r${i}`));
    const source = await connect();
    await waitFor("connected", connected(source));
    expect(source.store.count("Rollout")).toBe(5);
  });

  it("keeps malformed objects aside with their error", async () => {
    server.state.create("Rollout", { metadata: { name: "broken", namespace: "shop" }, spec: { replicas: "many" } });
    const source = await connect();
    await waitFor("connected", connected(source));
    expect(source.store.get("Rollout", "shop", "broken")).toBeUndefined();
    expect(source.store.invalidObjects().map((e) => e.name)).toEqual(["broken"]);
    expect(logger.entries.some((e) => e.level === "warn" && /Rollout shop\/broken is malformed/.test(e.msg))).toBe(true);
  });

  it("is in error, not reconnecting, when the credentials are rejected", async () => {
    const source = await connect({}, "wrong-token");
    const health = await waitFor("error", () => source.health().state === "error" && source.health());
    expect(health.lastError).toMatch(/^unauthorized/);
    expect(health.synced).toBe(false);
  });

  it("is in error with the denied verb and resource when RBAC forbids a watch", async () => {
    server.forbidden.add("list pods");
    const source = await connect();
    const health = await waitFor("error", () => source.health().state === "error" && source.health());
    expect(health.lastError).toBe("forbidden: cannot list pods cluster-wide");
  });
});
