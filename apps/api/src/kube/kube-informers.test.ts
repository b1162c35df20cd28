// The kube source's informers against the fake API server: initial sync, watch events, 410 re-lists,
// clean watch ends, disconnects and restarts without ghost objects.
import { describe, expect, it } from "vitest";
import { useFakeCluster, whenConnected } from "./testing/fake-cluster-harness";
import { canary, deployment, kubeEvent, pod, replicaSet, rollout, waitFor } from "./testing/kube-fixtures";

const cluster = useFakeCluster();

describe("KubeClusterSource informers", () => {
  it("lists every watched kind, then reports connected and synced", async () => {
    const { state } = cluster.server;
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

    const source = await cluster.source();
    const health = await whenConnected(source);

    expect(health).toMatchObject({ state: "connected", synced: true, absent: [] });
    expect(health.lastError).toBeUndefined();
    expect(source.name).toBe("fake");
    expect(source.label).toBe(`fake (${cluster.server.url})`);
    const { store } = source;
    expect(store.get("Rollout", "shop", "web")?.spec.replicas).toBe(2);
    expect(store.get("Canary", "shop", "api")).toBeDefined();
    expect(
      store
        .list("ReplicaSet")
        .map((r) => r.metadata.name)
        .sort(),
    ).toEqual(["api-123", "web-abc"]);
    // DaemonSet-style pods carry neither pod-template hash label and are not watched.
    expect(
      store
        .list("Pod")
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(["api-123-1", "web-abc-1"]);
    // Only Events about the kinds Rollscope shows.
    expect(store.list("Event").map((e) => e.metadata.name)).toEqual(["web.1"]);
    // List items of built-in kinds arrive without apiVersion/kind; the cache fills them in.
    expect(store.get("Pod", "shop", "web-abc-1")).toMatchObject({ apiVersion: "v1", kind: "Pod" });
    expect(store.get("Deployment", "shop", "api")).toMatchObject({
      apiVersion: "apps/v1",
      kind: "Deployment",
    });
  });
  it("applies watch events: added, modified and deleted objects reach the store", async () => {
    cluster.server.state.create("Rollout", rollout("shop", "old"));
    const source = await cluster.source();
    await whenConnected(source);

    cluster.server.state.create("Rollout", rollout("shop", "web"));
    cluster.server.state.update("Rollout", "shop", "web", (o) => ({ ...o, spec: { replicas: 5 } }));
    cluster.server.state.delete("Rollout", "shop", "old");

    await waitFor("watch events", () => source.store.get("Rollout", "shop", "web")?.spec.replicas === 5);
    await waitFor("deletion", () => source.store.get("Rollout", "shop", "old") === undefined);
    const lists = cluster.server
      .requestsTo("GET", "/apis/argoproj.io/v1alpha1/rollouts")
      .filter((r) => !r.query.get("watch"));
    expect(lists).toHaveLength(1);
  });
  it("re-lists after 410 Gone, removing objects whose deletion no watch reported", async () => {
    cluster.server.state.create("Rollout", rollout("shop", "web"));
    cluster.server.state.create("Rollout", rollout("shop", "gone"));
    const source = await cluster.source();
    await whenConnected(source);

    cluster.server.state.deleteSilently("Rollout", "shop", "gone");
    cluster.server.expireWatches();

    await waitFor("re-list", () => source.store.get("Rollout", "shop", "gone") === undefined);
    expect(source.store.get("Rollout", "shop", "web")).toBeDefined();
    const lists = cluster.server
      .requestsTo("GET", "/apis/argoproj.io/v1alpha1/rollouts")
      .filter((r) => !r.query.get("watch"));
    expect(lists.length).toBeGreaterThanOrEqual(2);
  });
  it("resumes from its resourceVersion, without re-listing, when the server ends a watch", async () => {
    cluster.server.state.create("Rollout", rollout("shop", "web"));
    const source = await cluster.source();
    await whenConnected(source);
    const states: string[] = [];
    source.onHealthChange((h) => states.push(h.state));

    cluster.server.endWatches();
    cluster.server.state.update("Rollout", "shop", "web", (o) => ({ ...o, spec: { replicas: 3 } }));

    await waitFor("the change", () => source.store.get("Rollout", "shop", "web")?.spec.replicas === 3);
    const requests = cluster.server.requestsTo("GET", "/apis/argoproj.io/v1alpha1/rollouts");
    expect(requests.filter((r) => !r.query.get("watch"))).toHaveLength(1);
    expect(
      requests.filter((r) => r.query.get("watch")).map((r) => r.query.get("resourceVersion")),
    ).toHaveLength(2);
    expect(states).toEqual([]);
  });
  it("keeps up across abrupt watch disconnects", async () => {
    cluster.server.state.create("Rollout", rollout("shop", "web"));
    const source = await cluster.source();
    await whenConnected(source);

    cluster.server.dropWatches();
    cluster.server.state.update("Rollout", "shop", "web", (o) => ({ ...o, spec: { replicas: 7 } }));
    cluster.server.state.create("Rollout", rollout("shop", "new"));

    await waitFor(
      "changes after the drop",
      () => source.store.get("Rollout", "shop", "web")?.spec.replicas === 7,
    );
    await waitFor("creation after the drop", () => source.store.get("Rollout", "shop", "new"));
    await whenConnected(source);
    // A cut connection is an error to client-node: the informer was restarted and listed afresh.
    const lists = cluster.server
      .requestsTo("GET", "/apis/argoproj.io/v1alpha1/rollouts")
      .filter((r) => !r.query.get("watch"));
    expect(lists.length).toBeGreaterThanOrEqual(2);
  });
  it("reconnects after an API server restart with no ghosts of objects deleted meanwhile", async () => {
    cluster.server.state.create("Rollout", rollout("shop", "web"));
    cluster.server.state.create("Rollout", rollout("shop", "doomed"));
    cluster.server.state.create("Pod", pod("shop", "web-1", { "rollouts-pod-template-hash": "abc" }));
    const source = await cluster.source();
    await whenConnected(source);
    const changes: string[] = [];
    source.onHealthChange((h) => changes.push(h.state));

    await cluster.server.stop();
    const down = await waitFor(
      "reconnecting",
      () => source.health().state === "reconnecting" && source.health(),
    );
    expect(down.lastError).toMatch(/^connection to the API server failed/);
    expect(down.synced).toBe(true);
    cluster.server.state.delete("Rollout", "shop", "doomed");
    cluster.server.state.delete("Pod", "shop", "web-1");
    cluster.server.state.create("Rollout", rollout("shop", "born"));
    cluster.server.state.compact(); // the restarted server cannot replay what happened while it was down
    await cluster.server.start();

    await whenConnected(source);
    expect(source.store.get("Rollout", "shop", "doomed")).toBeUndefined();
    expect(source.store.get("Pod", "shop", "web-1")).toBeUndefined();
    expect(source.store.get("Rollout", "shop", "born")).toBeDefined();
    expect(changes).toContain("reconnecting");
    expect(changes.at(-1)).toBe("connected");
  });

  it("restarts at once when the API server answers again, not after the rest of a long backoff", async () => {
    cluster.server.state.create("Rollout", rollout("shop", "web"));
    // A backoff far longer than the test: only the reachability probe can bring it back in time.
    const source = await cluster.source({
      backoff: { initialMs: 60_000, maxMs: 60_000 },
      reachabilityProbeMs: 50,
    });
    await whenConnected(source);

    await cluster.server.stop();
    await waitFor("reconnecting", () => source.health().state === "reconnecting");
    cluster.server.state.create("Rollout", rollout("shop", "born"));
    await cluster.server.start();

    await whenConnected(source);
    expect(source.store.get("Rollout", "shop", "born")).toBeDefined();
  });
});
