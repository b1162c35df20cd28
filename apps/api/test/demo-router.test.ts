// Every procedure against the demo cluster: the scenarios progress, pause, abort and promote as upstream
// does, and every refusal is clear and changes nothing.
import type { DeliverySummary } from "@rollscope/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ref, startDemo, waitFor } from "./demo-harness";

type Demo = Awaited<ReturnType<typeof startDemo>>;

describe("routers on the demo cluster", () => {
  let demo: Demo;
  const myapp = ref("Rollout", "rollouts-demo", "myapp");
  const get = (target = myapp) => demo.caller.deliveries.get(target).then((d) => d.delivery);

  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(() => demo.stop());

  it("lists the demo across three or more namespaces, labelled as the demo", async () => {
    const [cluster] = await demo.caller.clusters.list();
    expect(cluster).toMatchObject({
      name: "demo",
      kind: "demo",
      label: "Demo cluster",
      counts: { rollouts: 3, canaries: 3 },
    });
    expect(cluster?.namespaces.length).toBeGreaterThanOrEqual(3);
    const list = await demo.caller.deliveries.list({});
    expect(
      list.map((d: DeliverySummary) => `${d.controller}:${d.ref.namespace}/${d.ref.name}`).sort(),
    ).toEqual([
      "argo:payments/ledger",
      "argo:rollouts-demo/myapp",
      "argo:shop/checkout",
      "flagger:prod/frontend",
      "flagger:shop/cart",
      "flagger:test/podinfo",
    ]);
    expect(await demo.caller.deliveries.list({ controller: "flagger", namespace: "test" })).toHaveLength(1);
  });

  it("a new image makes myapp pause at step 1 for a person, and promote moves it to 40%", async () => {
    const settled = await waitFor("myapp settled", get, (d) => d.rawPhase === "Healthy");
    await demo.caller.actions.setImage({
      target: myapp,
      observed: settled.observed,
      container: "myapp",
      image: "argoproj/rollouts-demo:green",
    });
    const paused = await waitFor(
      "myapp paused at 1/8",
      get,
      (d) => d.rawPhase === "Paused" && d.step?.index === 1,
    );
    expect(paused).toMatchObject({ setWeight: 20, waitingForPerson: true });
    const preview = await demo.caller.actions.preview({
      target: myapp,
      observed: paused.observed,
      action: "promote",
    });
    expect(preview).toMatchObject({
      lever: "status patch",
      requests: [{ subresource: "status", body: { status: { pauseConditions: null } } }],
    });
    const result = await demo.caller.actions.promote({ target: myapp, observed: paused.observed });
    expect(result.description).toMatch(/clear the pause/);
    const moved = await waitFor("myapp at 40%", get, (d) => d.setWeight >= 40);
    expect(moved.step?.index).toBeGreaterThanOrEqual(2);
  });

  it("refuses a stale promote with what changed", async () => {
    await expect(
      demo.caller.actions.promote({ target: myapp, observed: { ...(await get()).observed, stepIndex: 1 } }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/step was 1, is now \d/) });
  });

  it("abort drops the weight to 0 and shows Degraded; retry resumes", async () => {
    const before = await get();
    await demo.caller.actions.abort({ target: myapp, observed: before.observed });
    const aborted = await waitFor("myapp aborted", get, (d) => d.rawPhase === "Degraded");
    expect(aborted).toMatchObject({ setWeight: 0, aborted: true });
    expect(aborted.message).toMatch(/RolloutAborted/);
    await expect(
      demo.caller.actions.promote({ target: myapp, observed: aborted.observed }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/aborted/),
    });
    await demo.caller.actions.retry({ target: myapp, observed: aborted.observed });
    const resumed = await waitFor("myapp resumed", get, (d) => !d.aborted && d.rawPhase !== "Degraded");
    expect(resumed.step?.index).toBeGreaterThanOrEqual(0);
  });

  it("set image validates the reference and starts a new revision", async () => {
    await expect(
      demo.caller.actions.setImage({ target: myapp, container: "myapp", image: "Not A/Valid:Image" }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/Invalid image/),
    });
    await expect(
      demo.caller.actions.setImage({ target: myapp, container: "nope", image: "nginx:1.27" }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/No container named "nope"/),
    });
    const before = await get();
    await demo.caller.actions.setImage({
      target: myapp,
      observed: before.observed,
      container: "myapp",
      image: "argoproj/rollouts-demo:purple",
    });
    const after = await waitFor("a new revision", get, (d) => d.observed.podHash !== before.observed.podHash);
    expect(after.images.some((i) => i.image === "argoproj/rollouts-demo:purple")).toBe(true);
  });

  it("promote full jumps to the new revision; restart and undo are planned and sent", async () => {
    const current = await get();
    await demo.caller.actions.promoteFull({ target: myapp, observed: current.observed });
    await waitFor("fully promoted", get, (d) => d.rawPhase === "Healthy");
    await demo.caller.actions.restart({ target: myapp });
    const undo = await demo.caller.actions.undo({
      target: myapp,
      observed: (await get()).observed,
      revision: 0,
    });
    expect(undo.description).toMatch(
      /Roll back: replace the rollout's pod template with that of revision \d+/,
    );
  });

  it("opens the confirm-promotion gate of a Flagger canary through the loadtester", async () => {
    const cart = ref("Canary", "shop", "cart");
    const initialised = await waitFor(
      "cart initialised",
      () => get(cart),
      (d) => d.rawPhase === "Initialized",
      30_000,
    );
    const container = initialised.revisions[0]?.containers[0] ?? "";
    await demo.caller.actions.setImage({ target: cart, container, image: "ghcr.io/acme/cart:2.0.0" });
    const waiting = await waitFor(
      "cart at its gate",
      () => get(cart),
      (d) => d.rawPhase === "WaitingPromotion",
      30_000,
    );
    // The finish estimate steps by the analysis interval (15 s), not a metric's window (1 m).
    expect((await demo.caller.deliveries.get(cart)).analysisIntervalSeconds).toBe(15);
    const promote = waiting.actions.find((a) => a.action === "promote");
    expect(promote).toMatchObject({ enabled: true, lever: "loadtester gate confirm-promotion" });
    await demo.caller.actions.promote({ target: cart, observed: waiting.observed });
    await waitFor(
      "cart promoted",
      () => get(cart),
      (d) => ["Promoting", "Finalising", "Succeeded"].includes(d.rawPhase),
      30_000,
    );
  });

  it("closes the gate after the run, audited before and after, with a Kubernetes Event", async () => {
    const cart = ref("Canary", "shop", "cart");
    await waitFor(
      "cart succeeded",
      () => get(cart),
      (d) => d.rawPhase === "Succeeded",
      30_000,
    );
    const followUps = await waitFor(
      "follow-up audited",
      async () => (await demo.caller.audit.list({ name: "cart" })).filter((e) => e.action === "followUp"),
      (entries) => entries.some((e) => e.result === "succeeded"),
    );
    // Newest first: the result, then the entry written before sending.
    expect(followUps.map((e) => e.result)).toEqual(["succeeded", "started"]);
    expect(followUps[0]).toMatchObject({
      identity: "rollscope",
      description: expect.stringMatching(
        /^Follow-up after Promote by token tester: POST \/gate\/close on service test\/flagger-loadtester$/,
      ),
    });
    const detail = await waitFor(
      "follow-up event",
      () => demo.caller.deliveries.get(cart),
      (d) => d.events.some((e) => e.reason === "RollscopeFollowUp"),
    );
    expect(detail.events.find((e) => e.reason === "RollscopeFollowUp")?.message).toBe(
      followUps[0]?.description,
    );
  });

  it("records history and the audit log", async () => {
    const history = await demo.caller.history.get({ target: myapp });
    expect(
      history.points.some((p) =>
        p.markers.some((m) => m.kind === "action" && /Promote by token tester/.test(m.label)),
      ),
    ).toBe(true);
    const audit = await demo.caller.audit.list({ name: "myapp" });
    expect(audit.some((e) => e.action === "abort" && e.result === "succeeded")).toBe(true);
    expect(audit.some((e) => e.result === "refused")).toBe(true);
  });

  it("streams the list: a snapshot first, then changes", async () => {
    const stream = await demo.caller.deliveries.watchList({ filters: { namespace: "test" } });
    const iterator = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const first = await iterator.next();
    // A tracked() message is [id, data, marker].
    const [id, data] = first.value as [string, { type: string; items: DeliverySummary[] }];
    expect(id).toMatch(/^[0-9a-f]+\.\d+\.\d+$/);
    expect(data.type).toBe("snapshot");
    expect(data.items.map((d) => d.ref.name)).toEqual(["podinfo"]);
    await iterator.return?.();
  });

  it("a client that reconnects with its last event id gets only what changed since", async () => {
    type Message = [string, { type: string; upserted?: DeliverySummary[]; items?: DeliverySummary[] }];
    const first = async (lastEventId?: string) => {
      const stream = await demo.caller.deliveries.watchList({
        filters: { namespace: "rollouts-demo" },
        ...(lastEventId ? { lastEventId } : {}),
      });
      const iterator = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      const message = (await iterator.next()).value as Message;
      await iterator.return?.();
      return message;
    };
    const [seen, snapshot] = await first();
    expect(snapshot.type).toBe("snapshot");
    // While the client is away, myapp gets a new image.
    const before = await get();
    await demo.caller.actions.setImage({
      target: myapp,
      container: "myapp",
      image: "argoproj/rollouts-demo:resume-check",
    });
    await waitFor(
      "the new revision",
      get,
      (d) =>
        d.revisions.length > before.revisions.length ||
        d.images.some((i) => i.image.endsWith("resume-check")),
    );
    const [resumedId, resumed] = await first(seen);
    expect(resumed.type).toBe("changes");
    expect(resumed.upserted?.map((d) => d.ref.name)).toContain("myapp");
    expect(resumedId).not.toBe(seen);
    // An id from another process (or one too old to replay) starts over from a snapshot.
    const [, restarted] = await first("0badc0de.12");
    expect(restarted.type).toBe("snapshot");
    expect(restarted.items?.map((d) => d.ref.name)).toContain("myapp");
  });

  it("refuses on RBAC denial naming the verb and resource, and changes nothing", async () => {
    demo.source.denied = (check) => check.resource === "rollouts" && check.subresource === "status";
    // Held at its manual pause, so the state sent is still current when the abort arrives.
    const before = await waitFor(
      "myapp paused at 1",
      get,
      (d) => d.rawPhase === "Paused" && d.step?.index === 1,
    );
    await expect(
      demo.caller.actions.abort({ target: myapp, observed: before.observed }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message:
        "Not allowed: Rollscope's identity may not patch rollouts.argoproj.io/status in namespace rollouts-demo.",
    });
    const detail = await demo.caller.deliveries.get(myapp);
    expect(detail.delivery.actions.find((a) => a.action === "abort")?.reason ?? "").toMatch(
      /Not allowed|no update/,
    );
    expect((await get()).aborted).toBe(before.aborted);
    demo.source.denied = () => false;
  });
});

describe("read-only mode", () => {
  it("refuses every mutation and disables every button with the reason", async () => {
    const demo = await startDemo({ readOnly: true });
    try {
      const target = ref("Rollout", "rollouts-demo", "myapp");
      const { observed } = (await demo.caller.deliveries.get(target)).delivery;
      await expect(demo.caller.actions.promote({ target, observed })).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringMatching(/read-only/),
      });
      const list = await demo.caller.deliveries.list({});
      expect(list.flatMap((d) => d.actions).every((a) => !a.enabled)).toBe(true);
    } finally {
      await demo.stop();
    }
  });
});
