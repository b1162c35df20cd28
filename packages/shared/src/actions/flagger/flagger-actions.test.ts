// Flagger levers, in DESIGN order: gates first (loadtester through the service proxy, or Rollscope's
// own), then skipAnalysis / failedChecks; retry and set image on the target Deployment only.
import { describe, expect, it } from "vitest";
import { gateWebhooks } from "../../flagger/webhook-gates";
import { deployment, flaggerCanary } from "../../testing/builders";
import type { ActionPlan, PlanResult } from "../action-plan";
import { planCanaryAbort } from "./abort";
import { canaryActionAvailability } from "./availability";
import { planCanaryPromote } from "./promote";
import { planCanaryRetry, retryAnnotation } from "./retry";
import { planCanarySetImage } from "./set-image";

const plan = (r: PlanResult): ActionPlan => {
  if (!r.ok) throw new Error(r.reason);
  return r.plan;
};
const refusal = (r: PlanResult): string => {
  if (r.ok) throw new Error("expected a refusal");
  return r.reason;
};
const hooks = (...webhooks: Array<{ name: string; type: string; url: string }>) => ({
  spec: { analysis: { webhooks } },
});
const checksum = "767d4db4f9";

describe("promote", () => {
  it("opens a loadtester confirm-promotion gate through the service proxy, and closes it after the run", () => {
    const canary = flaggerCanary({
      ...hooks({
        name: "approve",
        type: "confirm-promotion",
        url: "http://flagger-loadtester.test/gate/check",
      }),
      status: { phase: "WaitingPromotion" },
    });
    const p = plan(planCanaryPromote(canary, checksum));
    expect(p.lever).toBe("loadtester gate");
    expect(p.requests).toEqual([
      {
        type: "serviceProxy",
        namespace: "test",
        service: "flagger-loadtester",
        // Flagger calls port 80; without it the API server would only match an unnamed Service port.
        port: 80,
        path: "/gate/open",
        body: { name: "podinfo", namespace: "test" },
      },
    ]);
    expect(p.afterRun).toEqual([
      {
        type: "serviceProxy",
        namespace: "test",
        service: "flagger-loadtester",
        port: 80,
        path: "/gate/close",
        body: { name: "podinfo", namespace: "test" },
      },
    ]);
    expect(p.description).toContain('confirm-promotion gate "approve"');
  });

  it("opens a confirm-rollout gate on a Waiting canary, with the port and namespace from the URL", () => {
    const canary = flaggerCanary({
      ...hooks({
        name: "go",
        type: "confirm-rollout",
        url: "http://loadtester.tools.svc.cluster.local:8080/gate/check",
      }),
      status: { phase: "Waiting" },
    });
    expect(plan(planCanaryPromote(canary, checksum)).requests[0]).toEqual({
      type: "serviceProxy",
      namespace: "tools",
      service: "loadtester",
      port: 8080,
      path: "/gate/open",
      body: { name: "podinfo", namespace: "test" },
    });
    expect(plan(planCanaryPromote(canary, checksum)).description).not.toContain("names no namespace");
  });

  it("says when the loadtester's namespace is a guess: a bare host resolves in Flagger's namespace", () => {
    const canary = flaggerCanary({
      ...hooks({ name: "go", type: "confirm-rollout", url: "http://flagger-loadtester/gate/check" }),
      status: { phase: "Waiting" },
    });
    const p = plan(planCanaryPromote(canary, checksum));
    expect(p.requests[0]).toMatchObject({ namespace: "test", service: "flagger-loadtester", port: 80 });
    expect(p.description).toContain(
      "the webhook URL names no namespace: Flagger resolves it in its own namespace, so if Flagger runs elsewhere name it, e.g. http://flagger-loadtester.test/",
    );
  });

  it("records an approval keyed by the checksum when the gate is Rollscope's own", () => {
    const canary = flaggerCanary({
      ...hooks({
        name: "rollscope",
        type: "confirm-promotion",
        url: "http://rollscope.rollscope-system:3101/api/gates/check",
      }),
      status: { phase: "WaitingPromotion" },
    });
    const p = plan(planCanaryPromote(canary, checksum));
    expect(p.lever).toBe("Rollscope gate");
    expect(p.requests).toEqual([
      {
        type: "rollscopeGate",
        namespace: "test",
        name: "podinfo",
        checksum,
        decision: "promote",
        scope: "any-confirm",
      },
    ]);
  });

  it("opens only the gate the canary waits at when its webhook uses Rollscope's endpoint for its type", () => {
    const canary = flaggerCanary({
      spec: {
        analysis: {
          webhooks: [
            {
              name: "start",
              type: "confirm-rollout",
              url: "http://rollscope.ops:3101/api/gates/confirm-rollout",
            },
            {
              name: "ship",
              type: "confirm-promotion",
              url: "http://rollscope.ops:3101/api/gates/confirm-promotion",
            },
          ],
        },
      },
      status: { phase: "Waiting" },
    });
    expect(plan(planCanaryPromote(canary, checksum)).requests).toEqual([
      expect.objectContaining({ type: "rollscopeGate", decision: "promote", scope: "confirm-rollout" }),
    ]);
    const later = flaggerCanary({ ...canary, status: { phase: "WaitingPromotion" } });
    expect(plan(planCanaryPromote(later, checksum)).requests).toEqual([
      expect.objectContaining({ scope: "confirm-promotion" }),
    ]);
  });

  it("says how to fix a webhook that points at Rollscope's endpoint for another gate type", () => {
    const canary = flaggerCanary({
      ...hooks({
        name: "ship",
        type: "confirm-promotion",
        url: "http://rollscope.ops/api/gates/confirm-rollout",
      }),
      status: { phase: "WaitingPromotion" },
    });
    const [gate] = gateWebhooks(canary);
    expect(gate?.opener).toEqual({
      kind: "none",
      why: "webhook ship is a confirm-promotion gate but points at /api/gates/confirm-rollout; point it at /api/gates/confirm-promotion",
    });
  });

  it("sets skipAnalysis while progressing, and restores it after the run", () => {
    const p = plan(planCanaryPromote(flaggerCanary(), checksum));
    expect(p.lever).toBe("skipAnalysis");
    expect(p.requests).toEqual([
      {
        type: "patch",
        target: { kind: "Canary", namespace: "test", name: "podinfo" },
        patchType: "merge",
        body: { spec: { skipAnalysis: true } },
      },
    ]);
    expect(p.afterRun).toEqual([
      {
        type: "patch",
        target: { kind: "Canary", namespace: "test", name: "podinfo" },
        patchType: "merge",
        body: { spec: { skipAnalysis: false } },
      },
    ]);
  });

  it("falls back to skipAnalysis at a confirm-promotion gate Rollscope cannot open", () => {
    const canary = flaggerCanary({
      ...hooks({ name: "slack", type: "confirm-promotion", url: "https://approvals.example.com/ask" }),
      status: { phase: "WaitingPromotion" },
    });
    expect(plan(planCanaryPromote(canary, checksum)).lever).toBe("skipAnalysis");
  });

  it("is refused at a confirm-rollout gate Rollscope cannot open (skipAnalysis does not pass it)", () => {
    const canary = flaggerCanary({
      ...hooks({ name: "halt", type: "confirm-rollout", url: "http://flagger-loadtester.test/gate/halt" }),
      status: { phase: "Waiting" },
    });
    expect(refusal(planCanaryPromote(canary, checksum))).toMatch(/confirm-rollout gate.*never opens/);
  });

  it.each([
    ["Succeeded", /Nothing to promote: the canary is Succeeded/],
    ["Initialized", /Nothing to promote/],
    ["Promoting", /already under way/],
    ["Failed", /rolled back/],
  ])("is refused when %s", (phase, reason) => {
    expect(refusal(planCanaryPromote(flaggerCanary({ status: { phase } }), checksum))).toMatch(reason);
  });
});

describe("abort", () => {
  it("opens the loadtester rollback gate when there is one", () => {
    const canary = flaggerCanary(
      hooks({ name: "rb", type: "rollback", url: "http://flagger-loadtester.test/rollback/check" }),
    );
    const p = plan(planCanaryAbort(canary, checksum));
    expect(p.requests[0]).toMatchObject({ type: "serviceProxy", path: "/rollback/open" });
    expect(p.afterRun?.[0]).toMatchObject({ type: "serviceProxy", path: "/rollback/close" });
  });

  it("records a rollback decision for a Rollscope rollback webhook", () => {
    const canary = flaggerCanary(
      hooks({ name: "rb", type: "rollback", url: "http://rollscope.ops/api/gates/rollback" }),
    );
    expect(plan(planCanaryAbort(canary, checksum)).requests[0]).toEqual({
      type: "rollscopeGate",
      namespace: "test",
      name: "podinfo",
      checksum,
      decision: "rollback",
      scope: "rollback",
    });
  });

  it("otherwise raises failedChecks to the threshold on the status subresource", () => {
    const p = plan(planCanaryAbort(flaggerCanary(), checksum));
    expect(p.lever).toBe("failedChecks");
    expect(p.requests).toEqual([
      {
        type: "patch",
        target: { kind: "Canary", namespace: "test", name: "podinfo" },
        subresource: "status",
        patchType: "merge",
        body: { status: { failedChecks: 10 } },
      },
    ]);
  });

  it("is refused when no run is in flight or promotion is under way", () => {
    expect(refusal(planCanaryAbort(flaggerCanary({ status: { phase: "Succeeded" } }), checksum))).toMatch(
      /Nothing to abort/,
    );
    expect(refusal(planCanaryAbort(flaggerCanary({ status: { phase: "Finalising" } }), checksum))).toMatch(
      /under way/,
    );
  });
});

describe("retry and set image", () => {
  it("retry bumps an annotation in the target Deployment's pod template", () => {
    const p = plan(
      planCanaryRetry(flaggerCanary({ status: { phase: "Failed" } }), new Date("2026-11-22T10:00:00.500Z")),
    );
    expect(p.requests).toEqual([
      {
        type: "patch",
        target: { kind: "Deployment", namespace: "test", name: "podinfo" },
        patchType: "merge",
        body: {
          spec: { template: { metadata: { annotations: { [retryAnnotation]: "2026-11-22T10:00:00Z" } } } },
        },
      },
    ]);
  });

  it("retry is refused unless the canary failed", () => {
    expect(refusal(planCanaryRetry(flaggerCanary(), new Date()))).toBe("Retry is for failed canaries.");
  });

  it("set image patches the target Deployment, never the primary", () => {
    const target = deployment("podinfo", "test", "ghcr.io/stefanprodan/podinfo:6.0.0");
    const p = plan(
      planCanarySetImage(
        flaggerCanary(),
        { container: "podinfod", image: "ghcr.io/stefanprodan/podinfo:6.0.1" },
        target,
      ),
    );
    expect(p.requests[0]).toMatchObject({
      target: { kind: "Deployment", name: "podinfo" },
      patchType: "json",
    });
    const primary = deployment("podinfo-primary", "test", "ghcr.io/stefanprodan/podinfo:6.0.0");
    expect(
      refusal(planCanarySetImage(flaggerCanary(), { container: "podinfod", image: "a:1" }, primary)),
    ).toMatch(/"podinfo" was not found/);
  });
});

describe("availability", () => {
  const byAction = (phase: string, extra: object = {}) =>
    Object.fromEntries(
      canaryActionAvailability(flaggerCanary({ status: { phase }, ...extra })).map((a) => [
        a.action,
        a.enabled ? a.lever : a.reason,
      ]),
    );

  it("says which lever each action will use", () => {
    const a = byAction(
      "WaitingPromotion",
      hooks({ name: "g", type: "confirm-promotion", url: "http://flagger-loadtester.test/gate/check" }),
    );
    expect(a.promote).toBe("loadtester gate confirm-promotion");
    expect(a.abort).toBe("failedChecks");
    expect(a.setImage).toBe("target Deployment patch");
    expect(a.promoteFull).toMatch(/Flagger has no such action/);
  });

  it("a canary held at a confirm-rollout gate Rollscope cannot open offers neither promote nor abort", () => {
    // Flagger ignores failedChecks and rollback gates until confirm-rollout lets the run start.
    const a = byAction(
      "Waiting",
      hooks({ name: "halt", type: "confirm-rollout", url: "http://flagger-loadtester.test/gate/halt" }),
    );
    expect(a.promote).toMatch(/confirm-rollout gate, which Rollscope cannot open/);
    expect(a.abort).toMatch(/ignores a rollback until the run starts/);
    const openable = byAction(
      "Waiting",
      hooks({ name: "g", type: "confirm-rollout", url: "http://flagger-loadtester.test/gate/check" }),
    );
    expect(openable.promote).toBe("loadtester gate confirm-rollout");
    expect(openable.abort).toMatch(/ignores a rollback/);
  });

  it("a failed canary offers retry and not promote or abort", () => {
    const a = byAction("Failed");
    expect(a.retry).toBe("pod template annotation");
    expect(a.promote).toMatch(/rolled back/);
    expect(a.abort).toMatch(/Nothing to abort/);
  });
});
