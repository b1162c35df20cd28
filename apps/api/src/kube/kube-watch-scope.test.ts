// What the kube source watches and how it reports trouble: missing CRDs, namespace restriction,
// bounded Events, paged lists, malformed objects, rejected credentials and RBAC denials.
import { describe, expect, it } from "vitest";
import { useFakeCluster, whenConnected } from "./testing/fake-cluster-harness";
import { canary, kubeEvent, rollout, waitFor } from "./testing/kube-fixtures";

const cluster = useFakeCluster();

describe("KubeClusterSource watch scope and health", () => {
  it("marks missing controllers absent without an error, and watches their CRDs once installed", async () => {
    cluster.server.groups.delete("flagger.app/v1beta1");
    cluster.server.groups.delete("networking.istio.io/v1beta1");
    const source = await cluster.source();
    const health = await whenConnected(source);

    expect(health.lastError).toBeUndefined();
    expect(health.absent.map((a) => a.controller)).toEqual(["flagger", "istio"]);
    expect(health.absent[0]?.hint).toMatch(/Flagger CRDs not installed/);

    cluster.server.groups.add("flagger.app/v1beta1");
    cluster.server.state.create("Canary", canary("shop", "api"));
    await waitFor("canary watched", () => source.store.get("Canary", "shop", "api"));
    await waitFor("flagger present", () => source.health().absent.length === 1);
    expect(source.health().absent[0]?.controller).toBe("istio");
  });
  it("retires the informers of a controller whose CRDs are removed, and drops their objects", async () => {
    cluster.server.state.create("Canary", canary("shop", "api"));
    const source = await cluster.source();
    await waitFor("canary", () => source.store.get("Canary", "shop", "api"));

    cluster.server.groups.delete("flagger.app/v1beta1");
    await waitFor("flagger absent", () => source.health().absent.some((a) => a.controller === "flagger"));
    expect(source.store.count("Canary")).toBe(0);
    await whenConnected(source);
  });

  it("treats an argoproj.io group without rollouts (Argo CD only) as Argo Rollouts absent", async () => {
    cluster.server.groups.delete("argoproj.io/v1alpha1");
    const source = await cluster.source();
    const health = await whenConnected(source);
    expect(health.absent.map((a) => a.controller)).toEqual(["argo"]);
  });
  it("watches only the given namespaces", async () => {
    cluster.server.state.create("Rollout", rollout("shop", "web"));
    cluster.server.state.create("Rollout", rollout("other", "web"));
    const source = await cluster.source({ namespaces: ["shop"] });
    await whenConnected(source);

    expect(source.store.list("Rollout").map((r) => r.metadata.namespace)).toEqual(["shop"]);
    const paths = new Set(cluster.server.requests.filter((r) => r.method === "GET").map((r) => r.path));
    expect(paths).toContain("/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts");
    expect(paths).not.toContain("/apis/argoproj.io/v1alpha1/rollouts");
    // Cluster-scoped kinds are watched once, whatever the restriction.
    expect(paths).toContain("/apis/argoproj.io/v1alpha1/clusteranalysistemplates");
  });
  it("keeps at most eventsPerObject Events per involved object, newest first", async () => {
    const t0 = Date.parse("2025-01-01T00:00:00Z");
    for (let i = 0; i < 5; i += 1) {
      cluster.server.state.create(
        "Event",
        kubeEvent("shop", `web.${i}`, { kind: "Rollout", name: "web" }, new Date(t0 + i * 1000)),
      );
    }
    cluster.server.state.create(
      "Event",
      kubeEvent("shop", "api.0", { kind: "Canary", name: "api" }, new Date(t0)),
    );
    const source = await cluster.source({ eventsPerObject: 3 });
    await whenConnected(source);
    const names = () =>
      source.store
        .list("Event")
        .map((e) => e.metadata.name)
        .sort();
    expect(names()).toEqual(["api.0", "web.2", "web.3", "web.4"]);

    cluster.server.state.create(
      "Event",
      kubeEvent("shop", "web.5", { kind: "Rollout", name: "web" }, new Date(t0 + 5000)),
    );
    await waitFor("oldest evicted", () => names().join() === "api.0,web.3,web.4,web.5");
  });
  it("reads lists in pages", async () => {
    cluster.server.maxPageSize = 2;
    for (let i = 0; i < 5; i += 1) cluster.server.state.create("Rollout", rollout("shop", `r${i}`));
    const source = await cluster.source();
    await whenConnected(source);
    expect(source.store.count("Rollout")).toBe(5);
  });
  it("keeps malformed objects aside with their error", async () => {
    cluster.server.state.create("Rollout", {
      metadata: { name: "broken", namespace: "shop" },
      spec: { replicas: "many" },
    });
    const source = await cluster.source();
    await whenConnected(source);
    expect(source.store.get("Rollout", "shop", "broken")).toBeUndefined();
    expect(source.store.invalidObjects().map((e) => e.name)).toEqual(["broken"]);
    expect(
      cluster.logger.entries.some(
        (e) => e.level === "warn" && /Rollout shop\/broken is malformed/.test(e.msg),
      ),
    ).toBe(true);
  });
  it("is in error, not reconnecting, when the credentials are rejected", async () => {
    const source = await cluster.source({ token: "wrong-token" });
    const health = await waitFor("error", () => source.health().state === "error" && source.health());
    expect(health.lastError).toMatch(/^unauthorized/);
    expect(health.synced).toBe(false);
  });
  it("is in error with the denied verb and resource when RBAC forbids a watch", async () => {
    cluster.server.forbidden.add("list pods");
    const source = await cluster.source();
    const health = await waitFor("error", () => source.health().state === "error" && source.health());
    expect(health.lastError).toBe("forbidden: cannot list pods cluster-wide");
  });
});
