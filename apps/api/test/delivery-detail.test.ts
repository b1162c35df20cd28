// A delivery page's detail is built once per change for every open page of that delivery, and not
// kept after the change has gone out.
import { type DeliverySummary, toSummary } from "@rollscope/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterEntry } from "../src/runtime/cluster-registry";
import { ref, startDemo, waitFor } from "./demo-harness";

type Demo = Awaited<ReturnType<typeof startDemo>>;
type Message = [string, { delivery: { image?: string; actions: unknown[] }; events: unknown[] } | null];

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("delivery details per change", () => {
  let demo: Demo;
  let entry: ClusterEntry;
  const myapp = ref("Rollout", "rollouts-demo", "myapp");
  const podinfo = ref("Canary", "test", "podinfo");

  beforeAll(async () => {
    demo = await startDemo();
    entry = demo.running.services.clusters.get("demo") as ClusterEntry;
  });
  afterAll(() => demo.stop());

  it("serves a change's detail from the Delivery the index built for it, the same for every page", async () => {
    const { details } = demo.running.services.clusters;
    for (const target of [myapp, podinfo]) {
      const delivery = entry.index.get(target.kind, target.namespace, target.name);
      if (!delivery) throw new Error(`${target.name} is missing from the demo`);
      const row = toSummary(delivery);
      details.offer({ cluster: "demo", rows: [row], upserted: [delivery], removed: [] });
      const first = details.get(entry, target, row);
      expect(first?.delivery).toBe(delivery);
      expect(details.get(entry, target, row)).toBe(first);
      if (target.kind === "Rollout") expect(first?.flaggerMetrics).toEqual([]);
      else expect(first?.flaggerMetrics.length).toBeGreaterThan(0);
      // Not kept past the turn: a later ask for the same row builds anew from the store.
      await nextTurn();
      const later = details.get(entry, target, row);
      expect(later).not.toBe(first);
      expect(later?.delivery).not.toBe(delivery);
      expect(later?.delivery.ref).toEqual(delivery.ref);
    }
  });

  it("builds anew for a request that no change asks for, and answers undefined for a missing delivery", () => {
    const { details } = demo.running.services.clusters;
    const a = details.get(entry, myapp);
    const b = details.get(entry, myapp);
    expect(a?.delivery.ref).toEqual(myapp);
    expect(b).not.toBe(a);
    expect(details.get(entry, { ...myapp, name: "nope" })).toBeUndefined();
    const orphan = { ref: { ...myapp, name: "nope" } } as DeliverySummary;
    expect(details.get(entry, { ...myapp, name: "nope" }, orphan)).toBeUndefined();
  });

  it("two open pages of one delivery receive a change built once, each with its own actions", async () => {
    const open = async () => {
      const stream = await demo.caller.deliveries.watch({ target: myapp });
      const iterator = (stream as AsyncIterable<Message>)[Symbol.asyncIterator]();
      const initial = (await iterator.next()).value as Message;
      expect(initial[1]?.delivery).toBeDefined();
      return iterator;
    };
    const [a, b] = [await open(), await open()];
    try {
      await demo.caller.actions.setImage({
        target: myapp,
        container: "myapp",
        image: "argoproj/rollouts-demo:shared-detail",
      });
      await waitFor(
        "the new image",
        () => demo.caller.deliveries.get(myapp),
        (d) => d.delivery.images.some((i) => i.image.endsWith("shared-detail")),
      );
      const [fromA, fromB] = (await Promise.all([a.next(), b.next()])).map((r) => r.value as Message);
      const [detailA, detailB] = [fromA?.[1], fromB?.[1]];
      expect(detailA).not.toBeNull();
      expect(detailA?.events).toBe(detailB?.events);
      // Permissions are each person's: the delivery is copied with its own actions.
      expect(detailA?.delivery).not.toBe(detailB?.delivery);
      expect(detailA?.delivery.actions).toEqual(detailB?.delivery.actions);
    } finally {
      await a.return?.(undefined);
      await b.return?.(undefined);
    }
  });
});
