// Every string a procedure accepts is capped at the Kubernetes limit (or Rollscope's bound where
// Kubernetes has none), refused with a message naming the field and the limit, before anything is
// planned, sent or written to the audit log.

import { tokenActorNamed } from "@rollscope/shared/identity/actor";
import { canaryRollout } from "@rollscope/shared/testing/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeAction } from "../actions/execute-action";
import { ActionTestCluster, startActionTest } from "../actions/testing/action-test-cluster";

const myapp = { cluster: "demo", kind: "Rollout" as const, namespace: "rollouts-demo", name: "myapp" };
const long = (length: number) => "a".repeat(length);

describe("procedure inputs are bounded", () => {
  const cluster = new ActionTestCluster();
  let h: Awaited<ReturnType<typeof startActionTest>>;
  let observed: { aborted: boolean; paused: boolean };

  beforeAll(async () => {
    h = await startActionTest(cluster);
    cluster.seed(canaryRollout());
    observed = (await h.caller.deliveries.get(myapp)).delivery.observed;
  });
  afterAll(() => h.stop());

  const nameLimit = "name is longer than 253 characters, the Kubernetes limit for an object name";
  const namespaceLimit = "namespace is longer than 63 characters, the Kubernetes limit for a namespace";
  const clusterLimit =
    "cluster is longer than 253 characters, Rollscope's limit for a cluster (kubeconfig context) name";
  const cases: Array<[string, () => Promise<unknown>, string]> = [
    ["deliveries.get name", () => h.caller.deliveries.get({ ...myapp, name: long(254) }), nameLimit],
    [
      "deliveries.get namespace",
      () => h.caller.deliveries.get({ ...myapp, namespace: long(64) }),
      namespaceLimit,
    ],
    ["deliveries.get cluster", () => h.caller.deliveries.get({ ...myapp, cluster: long(254) }), clusterLimit],
    ["deliveries.list cluster", () => h.caller.deliveries.list({ cluster: long(254) }), clusterLimit],
    ["deliveries.list namespace", () => h.caller.deliveries.list({ namespace: long(64) }), namespaceLimit],
    [
      "deliveries.list text",
      () => h.caller.deliveries.list({ text: long(501) }),
      "text is longer than 500 characters, Rollscope's limit for a search",
    ],
    [
      "deliveries.watchList filters",
      () => h.caller.deliveries.watchList({ filters: { namespace: long(64) } }),
      namespaceLimit,
    ],
    [
      "deliveries.watch target",
      () => h.caller.deliveries.watch({ target: { ...myapp, name: long(254) } }),
      nameLimit,
    ],
    [
      "metrics.series target",
      () => h.caller.metrics.series({ target: { ...myapp, name: long(254) } }),
      nameLimit,
    ],
    [
      "history.get target",
      () => h.caller.history.get({ target: { ...myapp, namespace: long(64) } }),
      namespaceLimit,
    ],
    [
      "actions.preview image",
      () =>
        h.caller.actions.preview({ target: myapp, action: "setImage", container: "myapp", image: long(513) }),
      "image is longer than 512 characters, Rollscope's limit for an image reference",
    ],
    [
      "actions.preview container",
      () =>
        h.caller.actions.preview({
          target: myapp,
          action: "setImage",
          container: long(64),
          image: "nginx:1",
        }),
      "container is longer than 63 characters, the Kubernetes limit for a container name",
    ],
    [
      "actions.setImage image",
      () =>
        h.caller.actions.setImage({
          target: myapp,
          observed,
          container: "myapp",
          image: `nginx:${long(507)}`,
        }),
      "image is longer than 512 characters, Rollscope's limit for an image reference",
    ],
    [
      "actions.setImage container",
      () => h.caller.actions.setImage({ target: myapp, observed, container: long(64), image: "nginx:1" }),
      "container is longer than 63 characters, the Kubernetes limit for a container name",
    ],
    [
      "actions.promote name",
      () => h.caller.actions.promote({ target: { ...myapp, name: long(254) }, observed }),
      nameLimit,
    ],
    [
      "actions.promoteFull namespace",
      () => h.caller.actions.promoteFull({ target: { ...myapp, namespace: long(64) }, observed }),
      namespaceLimit,
    ],
    [
      "actions.abort cluster",
      () => h.caller.actions.abort({ target: { ...myapp, cluster: long(254) }, observed }),
      clusterLimit,
    ],
    [
      "actions.retry name",
      () => h.caller.actions.retry({ target: { ...myapp, name: long(254) }, observed }),
      nameLimit,
    ],
    [
      "actions.restart name",
      () => h.caller.actions.restart({ target: { ...myapp, name: long(254) } }),
      nameLimit,
    ],
    [
      "actions.undo name",
      () => h.caller.actions.undo({ target: { ...myapp, name: long(254) }, observed, revision: 0 }),
      nameLimit,
    ],
    [
      "actions.promote observed.podHash",
      () => h.caller.actions.promote({ target: myapp, observed: { ...observed, podHash: long(64) } }),
      "observed.podHash is longer than 63 characters, the Kubernetes limit for a label value",
    ],
    [
      "actions.abort observed.flaggerPhase",
      () => h.caller.actions.abort({ target: myapp, observed: { ...observed, flaggerPhase: long(64) } }),
      "observed.flaggerPhase is longer than 63 characters, Rollscope's limit for a status value",
    ],
    [
      "actions.abort observed.lastAppliedSpec",
      () => h.caller.actions.abort({ target: myapp, observed: { ...observed, lastAppliedSpec: long(64) } }),
      "observed.lastAppliedSpec is longer than 63 characters, Rollscope's limit for a status value",
    ],
  ];

  it.each(cases)("%s is refused with the limit in the message", async (_what, call, message) => {
    await expect(call()).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining(message),
    });
  });

  it("changed nothing and wrote nothing for any of them", async () => {
    expect(cluster.sent).toEqual([]);
    expect(await h.caller.audit.list({ limit: 1000 })).toEqual([]);
  });

  it("refuses a 10 MB name without writing it anywhere", async () => {
    await expect(
      h.caller.actions.promote({ target: { ...myapp, name: long(10 * 1024 * 1024) }, observed }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(nameLimit) });
    expect(await h.caller.audit.list({ limit: 1000 })).toEqual([]);
  });

  it("accepts strings at the limits: a 253-character name and a 63-character namespace are looked up", async () => {
    const target = { ...myapp, namespace: long(63), name: long(253) };
    await expect(h.caller.actions.promote({ target, observed })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [refusal] = await h.caller.audit.list({ limit: 1 });
    expect(refusal).toMatchObject({ result: "refused", object: { namespace: long(63), name: long(253) } });
  });
});

describe("the audit of a refused action", () => {
  it("holds only the validated fields of what was sent, never the raw input", async () => {
    const cluster = new ActionTestCluster();
    const h = await startActionTest(cluster);
    try {
      cluster.seed(canaryRollout());
      const { observed } = (await h.caller.deliveries.get(myapp)).delivery;
      // A caller inside the API that skipped the router's validation still cannot copy junk into the audit.
      const raw = {
        target: { ...myapp, padding: long(100_000) },
        observed: { ...observed, stepIndex: 5, padding: long(100_000) },
      };
      await expect(
        executeAction(h.services, tokenActorNamed("tester"), "promote", raw),
      ).rejects.toMatchObject({
        code: "CONFLICT",
      });
      const [entry] = await h.caller.audit.list({ limit: 1 });
      expect(entry).toMatchObject({ result: "refused", observed: { ...observed, stepIndex: 5 } });
      expect(JSON.stringify(entry)).not.toContain("padding");
    } finally {
      await h.stop();
    }
  });
});
