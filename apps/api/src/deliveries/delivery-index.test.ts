// The delivery index follows what a Rollout's view depends on beyond its own children: the Deployment
// its spec.workloadRef names, which may appear after the Rollout (or never).

import type { ClusterHealth, ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import { ObjectStore } from "@rollscope/shared/cluster/object-store";
import {
  canaryRollout,
  deployment,
  flaggerCanary,
  stickyFlaggerVirtualService,
} from "@rollscope/shared/testing/builders";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ActionTestCluster } from "../actions/testing/action-test-cluster";
import { type DeliveryChanges, DeliveryIndex } from "./delivery-index";

const settle = () => new Promise((r) => setTimeout(r, 30));

afterEach(() => {
  vi.useRealTimers();
});

describe("the delivery index", () => {
  it("sends a change to an idle index at once, and coalesces changes that come while it is busy", () => {
    vi.useFakeTimers({
      toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "performance"],
    });
    const store = new ObjectStore();
    const index = new DeliveryIndex(
      { name: "c", store, health: () => ({ synced: true }) } as unknown as ClusterSource,
      100,
    );
    const batches: string[][] = [];
    index.onChange((changes: DeliveryChanges) => batches.push(changes.upserted.map((d) => d.ref.name)));
    const rollout = (name: string) =>
      canaryRollout({ metadata: { name, namespace: "shop", uid: `uid-${name}` } });

    vi.advanceTimersByTime(1_000); // idle for longer than a window
    store.upsert("Rollout", rollout("a"));
    vi.advanceTimersByTime(0);
    expect(batches).toEqual([["a"]]); // no wait for a window

    store.upsert("Rollout", rollout("b")); // busy: within a window of the last batch
    vi.advanceTimersByTime(50);
    store.upsert("Rollout", rollout("c"));
    vi.advanceTimersByTime(49);
    expect(batches).toEqual([["a"]]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([["a"], ["b", "c"]]); // one batch, a window after the last

    vi.advanceTimersByTime(1_000);
    store.upsert("Rollout", rollout("d"));
    vi.advanceTimersByTime(0);
    expect(batches).toEqual([["a"], ["b", "c"], ["d"]]);
    index.dispose();
  });

  it("while a cluster lists, holds changes until the wait ends or the last list is in, whichever is first", () => {
    vi.useFakeTimers({
      toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "performance"],
    });
    const store = new ObjectStore();
    let synced = false;
    const healthListeners: Array<(health: ClusterHealth) => void> = [];
    const health = () => ({ state: "connecting", since: "", synced, absent: [] }) as ClusterHealth;
    const source = {
      name: "c",
      store,
      health,
      onHealthChange: (listener: (h: ClusterHealth) => void) => {
        healthListeners.push(listener);
        return () => {};
      },
    };
    const index = new DeliveryIndex(source as unknown as ClusterSource, 25);
    const batches: string[][] = [];
    index.onChange((changes: DeliveryChanges) => batches.push(changes.upserted.map((d) => d.ref.name)));
    const rollout = (name: string) =>
      canaryRollout({ metadata: { name, namespace: "shop", uid: `uid-${name}` } });

    store.upsert("Rollout", rollout("a"));
    vi.advanceTimersByTime(999);
    expect(batches).toEqual([]); // still listing: waits
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([["a"]]); // the wait is bounded

    store.upsert("Rollout", rollout("b"));
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([["a"]]);
    synced = true;
    for (const listener of healthListeners) listener(health());
    vi.advanceTimersByTime(0);
    expect(batches).toEqual([["a"], ["b"]]); // the last list is in: at once
    vi.advanceTimersByTime(2_000);
    expect(batches).toEqual([["a"], ["b"]]); // and not again when the old wait would have ended
    index.dispose();
  });

  it("says a Rollout's workloadRef Deployment is missing, until that Deployment appears", async () => {
    const cluster = new ActionTestCluster();
    await cluster.start();
    const index = new DeliveryIndex(cluster, 0);
    const rollout = canaryRollout({ metadata: { name: "web", namespace: "shop" } });
    delete (rollout.spec as { template?: unknown }).template;
    rollout.spec.workloadRef = { apiVersion: "apps/v1", kind: "Deployment", name: "web-deploy" };
    cluster.seed(rollout);
    await settle();

    expect(index.get("Rollout", "shop", "web")?.notices).toEqual([
      {
        path: "spec.workloadRef.name",
        message: expect.stringMatching(
          /^names Deployment "web-deploy", which does not exist in namespace "shop"/,
        ),
      },
    ]);

    cluster.seed(deployment("web-deploy", "shop", "registry.example/web:1.2", 0));
    await settle();
    expect(index.get("Rollout", "shop", "web")?.notices).toBeUndefined();
  });

  it("shows the weight a Canary's VirtualService routes, read from the route Flagger reads", async () => {
    const store = new ObjectStore();
    const index = new DeliveryIndex(
      { name: "c", store, health: () => ({ synced: true }) } as unknown as ClusterSource,
      0,
    );
    store.upsert(
      "Canary",
      flaggerCanary({ spec: { analysis: { sessionAffinity: { cookieName: "flagger-cookie" } } } }),
    );
    store.upsert("VirtualService", stickyFlaggerVirtualService(85, 15));
    await settle();
    expect(index.get("Canary", "test", "podinfo")).toMatchObject({ setWeight: 10, actualWeight: 15 });
    index.dispose();
  });
});
