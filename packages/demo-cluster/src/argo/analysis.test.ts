// The AnalysisRun controller on its own (timing, limits, messages, stored values) and through the
// rollout: a failing analysis step aborts with upstream's message, an Inconclusive one pauses.
import { type AnalysisRun, planPromote, planRolloutSetImage } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import type { RawObject } from "../demo-store";
import { formatGoFloat } from "./analysis-evaluate";
import {
  canaryRollout,
  checkoutAnalysisStep,
  checkoutObjects,
  image,
  type successRateTemplate,
} from "./scenario-objects";
import { createHarness, type Harness } from "./test-harness";

function run(
  metric: Record<string, unknown>,
  args = [{ name: "service", value: "checkout-canary-svc" }],
): RawObject {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisRun",
    metadata: { name: "run", namespace: "shop" },
    spec: {
      args,
      metrics: [
        {
          name: "success-rate",
          successCondition: "result[0] >= 0.95",
          provider: { prometheus: { query: 'sum(rate(ok{service="{{args.service}}"}[1m]))' } },
          ...metric,
        },
      ],
    },
  };
}

const get = (h: Harness): AnalysisRun => h.runs("shop")[0] as AnalysisRun;

describe("AnalysisRun controller", () => {
  it("measures every interval, stores values as Argo does and fails past failureLimit", async () => {
    const h = createHarness();
    const values = [0.99, 0.5, 0.4, 0.3, 0.2, 0.1];
    h.metrics.answer = () => ({ ok: true, values: [values.shift() ?? 0] });
    h.create(run({ interval: "10s", failureLimit: 3 }));
    await h.step(0);
    expect(get(h).status).toMatchObject({ phase: "Running", startedAt: "2026-01-05T10:00:00Z" });
    await h.until(() => get(h).status?.phase === "Failed", 120);
    const status = get(h).status;
    expect(status?.message).toBe(
      'Metric "success-rate" assessed Failed due to failed (4) > failureLimit (3)',
    );
    const result = status?.metricResults?.[0];
    expect(result).toMatchObject({
      name: "success-rate",
      phase: "Failed",
      count: 5,
      successful: 1,
      failed: 4,
    });
    expect(result?.measurements?.map((m) => [m.phase, m.value])).toEqual([
      ["Successful", "[0.99]"],
      ["Failed", "[0.5]"],
      ["Failed", "[0.4]"],
      ["Failed", "[0.3]"],
      ["Failed", "[0.2]"],
    ]);
    expect(result?.metadata?.ResolvedPrometheusQuery).toBe(
      'sum(rate(ok{service="checkout-canary-svc"}[1m]))',
    );
    expect(h.metrics.queries[0]).toBe('sum(rate(ok{service="checkout-canary-svc"}[1m]))');
    const [first, second] = result?.measurements ?? [];
    expect(Date.parse(second?.startedAt ?? "") - Date.parse(first?.finishedAt ?? "")).toBeGreaterThan(10_000);
    expect(status?.runSummary).toEqual({ count: 1, failed: 1 });
    expect(h.events("run").map((e) => [e.type, e.reason, e.message])).toEqual([
      ["Warning", "MetricFailed", "Metric 'success-rate' Completed. Result: Failed"],
      ["Warning", "AnalysisRunFailed", "Analysis Completed. Result: Failed"],
    ]);
  });

  it("waits for initialDelay, stops at count and succeeds", async () => {
    const h = createHarness();
    h.create(run({ initialDelay: "30s", interval: "5s", count: 3 }));
    await h.step(0);
    await h.step(20);
    expect(get(h).status?.metricResults ?? []).toEqual([]);
    await h.until(() => get(h).status?.phase === "Successful", 60);
    expect(get(h).status?.metricResults?.[0]).toMatchObject({ count: 3, successful: 3, phase: "Successful" });
    expect(get(h).status?.message).toBe("");
    expect(h.metrics.queries).toHaveLength(3);
  });

  it("keeps only the last 10 measurements", async () => {
    const h = createHarness();
    h.create(run({ interval: "1s", count: 14 }));
    await h.until(() => get(h).status?.phase === "Successful", 60);
    expect(get(h).status?.metricResults?.[0]?.measurements).toHaveLength(10);
    expect(get(h).status?.metricResults?.[0]?.count).toBe(14);
  });

  it("stores an empty vector as [] and judges it with the condition", async () => {
    const h = createHarness();
    h.metrics.answer = () => ({ ok: true, values: [] });
    h.create(run({ successCondition: "len(result) == 0 || result[0] > 0.90" }));
    await h.until(() => get(h).status?.phase === "Successful", 10);
    expect(get(h).status?.metricResults?.[0]?.measurements?.[0]?.value).toBe("[]");
  });

  it("becomes Inconclusive when neither condition holds", async () => {
    const h = createHarness();
    h.metrics.answer = () => ({ ok: true, values: [0.9] });
    h.create(run({ successCondition: "result[0] >= 0.95", failureCondition: "result[0] < 0.5" }));
    await h.until(() => get(h).status?.phase === "Inconclusive", 10);
    expect(get(h).status?.message).toBe(
      'Metric "success-rate" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)',
    );
  });

  it("errors after more than consecutiveErrorLimit query errors, retrying every 10s", async () => {
    const h = createHarness();
    h.metrics.answer = () => ({ ok: false, error: "connection refused" });
    h.create(run({ interval: "1m", consecutiveErrorLimit: 2 }));
    await h.until(() => get(h).status?.phase === "Error", 60);
    expect(get(h).status?.message).toBe(
      'Metric "success-rate" assessed Error due to consecutiveErrors (3) > consecutiveErrorLimit (2): "Error Message: connection refused"',
    );
    expect(h.clock.nowMs() - Date.parse("2026-01-05T10:00:00Z")).toBeLessThan(60_000);
  });

  it("an unresolved argument is an Error before any query", async () => {
    const h = createHarness();
    h.create(run({}, []));
    await h.step(0);
    expect(get(h).status).toMatchObject({
      phase: "Error",
      message: "Unable to resolve metric arguments: failed to resolve {{args.service}}",
    });
    expect(h.metrics.queries).toEqual([]);
  });

  it("spec.terminate ends a run Successful with 'Run Terminated'", async () => {
    const h = createHarness();
    h.create(run({ interval: "10s" }));
    await h.step(0);
    h.store.patch(
      { kind: "AnalysisRun", namespace: "shop", name: "run" },
      { patchType: "merge", body: { spec: { terminate: true } } },
    );
    await h.step(1);
    expect(get(h).status).toMatchObject({ phase: "Successful", message: "Run Terminated" });
  });

  it("formats values like Go's strconv.FormatFloat(f, 'f', -1, 64)", () => {
    expect([0.97, 1, 1e-7, 2.5e21, Number.NaN, Number.POSITIVE_INFINITY].map(formatGoFloat)).toEqual([
      "0.97",
      "1",
      "0.0000001",
      "2500000000000000000000",
      "NaN",
      "+Inf",
    ]);
  });
});

function checkout(h: Harness, metric: Parameters<typeof successRateTemplate>[2]) {
  h.create(...checkoutObjects(metric, [{ setWeight: 25 }, checkoutAnalysisStep, { setWeight: 50 }]));
}

async function release(h: Harness, tag: string) {
  await h.until(() => h.rollout("shop", "checkout").status?.phase === "Healthy");
  h.apply(planRolloutSetImage(h.rollout("shop", "checkout"), { container: "checkout", image: image(tag) }));
  await h.until(() => h.rollout("shop", "checkout").status?.currentStepIndex === 1);
}

describe("analysis steps", () => {
  it("create a run named <rollout>-<hash>-<revision>-<step> that, failing, aborts the rollout", async () => {
    const h = createHarness();
    h.metrics.answer = () => ({ ok: true, values: [0.66] });
    checkout(h, { interval: "15s", count: 4, failureLimit: 1, threshold: 0.95 });
    await release(h, "bad-red");
    const hash = h.rollout("shop", "checkout").status?.currentPodHash;
    await h.step(1);
    const [stepRun] = h.runs("shop");
    expect(stepRun?.metadata.name).toBe(`checkout-${hash}-2-1`);
    expect(stepRun?.metadata.labels).toEqual({
      app: "checkout",
      "rollout-type": "Step",
      "step-index": "1",
      "rollouts-pod-template-hash": hash,
    });
    expect(stepRun?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "Rollout",
      name: "checkout",
      controller: true,
    });
    expect(stepRun?.spec.args).toEqual([
      { name: "service", value: "checkout-canary-svc" },
      { name: "namespace", value: "shop" },
    ]);
    await h.until(() => h.rollout("shop", "checkout").status?.phase === "Degraded", 120);
    const ro = h.rollout("shop", "checkout");
    const message =
      'Rollout aborted update to revision 2: Step-based analysis phase error/failed: Metric "success-rate" assessed Failed due to failed (2) > failureLimit (1)';
    expect(ro.status).toMatchObject({ abort: true, message: `RolloutAborted: ${message}` });
    expect(ro.status?.canary?.currentStepAnalysisRunStatus).toMatchObject({
      name: stepRun?.metadata.name,
      status: "Failed",
    });
    expect(ro.status?.canary?.weights?.canary?.weight).toBe(0);
    expect(h.messages("checkout")).toEqual(
      expect.arrayContaining([
        `Step Analysis Run 'checkout-${hash}-2-1' Status New: 'Running' Previous: ''`,
        `Step Analysis Run 'checkout-${hash}-2-1' Status New: 'Failed' Previous: 'Running'`,
        message,
      ]),
    );
    expect(h.delivery("shop", "checkout")).toMatchObject({ phase: "degraded", setWeight: 0 });
  });

  it("an Inconclusive step pauses the rollout until a person promotes it", async () => {
    const h = createHarness();
    h.metrics.answer = () => ({ ok: true, values: [0.93] });
    checkout(h, { interval: "10s", count: 2, threshold: 0.95 });
    const template = h.store.get({
      kind: "AnalysisTemplate",
      namespace: "shop",
      name: "checkout-success-rate",
    });
    const metrics = template?.spec?.metrics as Array<Record<string, unknown>>;
    Object.assign(metrics[0] ?? {}, { failureCondition: "result[0] < 0.5" });
    h.store.update(template as RawObject);
    await release(h, "yellow");
    await h.until(() => h.rollout("shop", "checkout").status?.phase === "Paused", 60);
    const ro = h.rollout("shop", "checkout");
    expect(ro.status).toMatchObject({
      message: "InconclusiveAnalysisRun",
      controllerPause: true,
      pauseConditions: [{ reason: "InconclusiveAnalysisRun" }],
      canary: { currentStepAnalysisRunStatus: { status: "Inconclusive" } },
    });
    const plan = h.apply(planPromote(ro));
    expect(plan.requests[0]).toMatchObject({
      body: { status: { pauseConditions: null, controllerPause: false, currentStepIndex: 2 } },
    });
    await h.until(() => h.rollout("shop", "checkout").status?.phase === "Healthy", 120);
  });
});

describe("a missing AnalysisTemplate", () => {
  it("is reported as an InvalidSpec condition, which makes the rollout Degraded", async () => {
    const h = createHarness();
    h.create(
      canaryRollout({
        namespace: "shop",
        name: "checkout",
        image: image("green"),
        replicas: 2,
        steps: [{ setWeight: 50 }, { analysis: { templates: [{ templateName: "missing" }] } }],
      }),
    );
    await h.until(() => h.rollout("shop", "checkout").status?.phase === "Healthy");
    h.apply(
      planRolloutSetImage(h.rollout("shop", "checkout"), { container: "checkout", image: image("yellow") }),
    );
    await h.until(() => h.rollout("shop", "checkout").status?.phase === "Degraded", 60);
    expect(h.rollout("shop", "checkout").status?.message).toBe(
      "InvalidSpec: The Rollout \"checkout\" is invalid: AnalysisTemplate 'missing' not found",
    );
    expect(h.events("checkout").find((e) => e.reason === "InvalidSpec")?.type).toBe("Warning");
  });
});
