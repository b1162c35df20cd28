// Blue-green: preview ReplicaSet (previewReplicaCount), pre-promotion analysis before the
// BlueGreenPause, promote switches the active selector, the old ReplicaSet scales down after
// scaleDownDelaySeconds; a failed pre-promotion analysis aborts.
import { planAbort, planPromote, planRolloutSetImage } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import { blueGreenRollout, image, namespaceArg, successRateTemplate } from "./scenario-objects";
import { createHarness, type Harness } from "./test-harness";

const NS = "payments";

async function ledger(options: { autoPromotionSeconds?: number } = {}): Promise<Harness> {
  const h = createHarness();
  h.create(
    successRateTemplate(NS, "ledger-smoke", { interval: "10s", count: 3, failureLimit: 1, threshold: 0.95 }),
    blueGreenRollout({
      namespace: NS,
      name: "ledger",
      image: image("blue"),
      replicas: 3,
      previewReplicaCount: 1,
      scaleDownDelaySeconds: 30,
      ...(options.autoPromotionSeconds
        ? { autoPromotionSeconds: options.autoPromotionSeconds }
        : { autoPromotionEnabled: false }),
      prePromotionAnalysis: {
        templates: [{ templateName: "ledger-smoke" }],
        args: [{ name: "service", value: "ledger-preview" }, namespaceArg],
      },
    }),
  );
  await h.until(() => h.rollout(NS, "ledger").status?.phase === "Healthy");
  return h;
}

const ro = (h: Harness) => h.rollout(NS, "ledger");
const rsOf = (h: Harness, hash: string | null | undefined) =>
  h.replicaSets(NS).find((rs) => rs.metadata.labels?.["rollouts-pod-template-hash"] === hash);

describe("blue-green", () => {
  it("initial deploy is active, preview and stable at once", async () => {
    const h = await ledger();
    const status = ro(h).status;
    const hash = status?.currentPodHash;
    expect(status).toMatchObject({
      stableRS: hash,
      blueGreen: { activeSelector: hash, previewSelector: hash },
      selector: `app=ledger,rollouts-pod-template-hash=${hash}`,
      availableReplicas: 3,
    });
    expect(h.messages("ledger")).toContain(
      `Rollout completed update to revision 1 (${hash}): Initial deploy`,
    );
  });

  it("runs pre-promotion analysis on the preview, pauses, and switches active when promoted", async () => {
    const h = await ledger();
    const blue = ro(h).status?.stableRS;
    h.apply(planRolloutSetImage(ro(h), { container: "ledger", image: image("green") }));
    await h.until(() => ro(h).status?.phase === "Paused", 120);
    const green = ro(h).status?.currentPodHash;
    expect(ro(h).status).toMatchObject({
      message: "BlueGreenPause",
      controllerPause: true,
      blueGreen: {
        activeSelector: blue,
        previewSelector: green,
        prePromotionAnalysisRunStatus: { status: "Successful" },
      },
    });
    expect(rsOf(h, green)?.spec?.replicas).toBe(1);
    const pre = h.runs(NS)[0];
    expect(pre?.metadata.name).toBe(`ledger-${green}-2-pre`);
    expect(pre?.metadata.labels?.["rollout-type"]).toBe("PrePromotion");
    expect(pre?.status?.metricResults?.[0]?.count).toBe(3);
    const delivery = h.delivery(NS, "ledger");
    expect(delivery).toMatchObject({ strategy: "blueGreen", rawPhase: "Paused", waitingForPerson: true });
    expect(delivery.revisions.map((r) => [r.revision, r.roles])).toEqual([
      [2, ["preview"]],
      [1, ["stable", "active"]],
    ]);

    h.apply(planPromote(ro(h)));
    await h.until(() => ro(h).status?.phase === "Healthy", 120);
    expect(ro(h).status).toMatchObject({
      stableRS: green,
      blueGreen: { activeSelector: green, previewSelector: green },
    });
    expect(rsOf(h, green)?.spec?.replicas).toBe(3);
    expect(rsOf(h, blue)?.metadata.annotations?.["scale-down-deadline"]).toMatch(/Z$/);
    expect(h.messages("ledger")).toContain(
      `Rollout completed update to revision 2 (${green}): Completed blue-green update`,
    );
    await h.until(() => rsOf(h, blue)?.spec?.replicas === 0, 40);
    expect(h.messages("ledger")).toContain(`Scaled down ReplicaSet ledger-${blue} (revision 1) from 3 to 0`);
  });

  it("autoPromotionSeconds promotes by itself", async () => {
    const h = await ledger({ autoPromotionSeconds: 20 });
    h.apply(planRolloutSetImage(ro(h), { container: "ledger", image: image("orange") }));
    await h.until(() => ro(h).status?.phase === "Paused", 120);
    const pausedAt = h.clock.nowMs();
    await h.until(() => ro(h).status?.phase === "Healthy", 120);
    expect(h.clock.nowMs() - pausedAt).toBeGreaterThanOrEqual(20_000);
  });

  it("a failed pre-promotion analysis aborts and keeps the active ReplicaSet", async () => {
    const h = await ledger();
    const blue = ro(h).status?.stableRS;
    h.metrics.answer = () => ({ ok: true, values: [0.5] });
    h.apply(planRolloutSetImage(ro(h), { container: "ledger", image: image("bad-red") }));
    await h.until(() => ro(h).status?.phase === "Degraded", 120);
    expect(ro(h).status?.message).toBe(
      'RolloutAborted: Rollout aborted update to revision 2: Blue/green pre-promotion analysis phase error/failed: Metric "success-rate" assessed Failed due to failed (2) > failureLimit (1)',
    );
    expect(ro(h).status?.blueGreen?.activeSelector).toBe(blue);
    const bad = ro(h).status?.currentPodHash;
    await h.until(() => rsOf(h, bad)?.spec?.replicas === 0, 40);
  });

  it("abort while paused leaves traffic on the active ReplicaSet", async () => {
    const h = await ledger();
    const blue = ro(h).status?.stableRS;
    h.apply(planRolloutSetImage(ro(h), { container: "ledger", image: image("green") }));
    await h.until(() => ro(h).status?.phase === "Paused", 120);
    h.apply(planAbort(ro(h)));
    await h.step(1);
    expect(ro(h).status).toMatchObject({
      abort: true,
      phase: "Degraded",
      blueGreen: { activeSelector: blue },
    });
    expect(ro(h).status?.pauseConditions ?? []).toEqual([]);
  });
});
