import { describe, expect, it } from "vitest";
import { deployment } from "../testing/builders";
import { ObjectStore, type StoreEvent } from "./object-store";

function storeWithEvents() {
  const store = new ObjectStore();
  const events: Array<Omit<StoreEvent, "sequence">> = [];
  store.subscribe(({ sequence: _, ...event }) => events.push(event));
  return { store, events };
}

describe("ObjectStore", () => {
  it("lists a kind in one namespace without the others, and every namespace without one", () => {
    const { store } = storeWithEvents();
    store.upsert("Deployment", deployment("a", "team-1", "app:1"));
    store.upsert("Deployment", deployment("b", "team-2", "app:1"));
    store.upsert("Deployment", deployment("c", "team-1", "app:1"));
    expect(store.list("Deployment", "team-1").map((d) => d.metadata.name)).toEqual(["a", "c"]);
    expect(store.list("Deployment", "team-3")).toEqual([]);
    expect(
      store
        .list("Deployment")
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(["a", "b", "c"]);
    expect(store.count("Deployment")).toBe(3);
    expect(store.get("Deployment", "team-2", "b")?.metadata.name).toBe("b");
    expect(store.get("Deployment", "team-1", "b")).toBeUndefined();
  });

  it("says added, then modified, then deleted, and keeps the count", () => {
    const { store, events } = storeWithEvents();
    store.upsert("Deployment", deployment("a", "team-1", "app:1"));
    store.upsert("Deployment", deployment("a", "team-1", "app:2"));
    store.delete({ kind: "Deployment", namespace: "team-1", name: "a" });
    store.delete({ kind: "Deployment", namespace: "team-1", name: "a" });
    expect(events.map((e) => e.type)).toEqual(["added", "modified", "deleted"]);
    expect(store.count("Deployment")).toBe(0);
    expect(store.list("Deployment", "team-1")).toEqual([]);
  });

  it("a re-list replaces a kind: what is gone is deleted, in every namespace, and only that", () => {
    const { store, events } = storeWithEvents();
    store.upsert("Deployment", deployment("a", "team-1", "app:1"));
    store.upsert("Deployment", deployment("b", "team-2", "app:1"));
    events.length = 0;
    store.replaceAll("Deployment", [deployment("a", "team-1", "app:2"), deployment("d", "team-3", "app:1")]);
    expect(events).toEqual([
      { type: "modified", kind: "Deployment", namespace: "team-1", name: "a" },
      { type: "added", kind: "Deployment", namespace: "team-3", name: "d" },
      { type: "deleted", kind: "Deployment", namespace: "team-2", name: "b" },
    ]);
    expect(store.count("Deployment")).toBe(2);
  });

  it("a malformed version drops the valid one it replaces and is kept aside with its error", () => {
    const { store, events } = storeWithEvents();
    store.upsert("Deployment", deployment("a", "team-1", "app:1"));
    const broken = { ...deployment("a", "team-1", "app:1"), spec: { replicas: "three" } };
    const error = store.upsert("Deployment", broken);
    expect(error?.name).toBe("a");
    expect(store.get("Deployment", "team-1", "a")).toBeUndefined();
    expect(store.count("Deployment")).toBe(0);
    expect(store.invalidObjects()).toHaveLength(1);
    expect(events.map((e) => e.type)).toEqual(["added", "deleted"]);
    store.upsert("Deployment", deployment("a", "team-1", "app:2"));
    expect(store.invalidObjects()).toHaveLength(0);
  });
});
