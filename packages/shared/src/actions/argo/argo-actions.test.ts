// One test per rule of the Argo action plans: the exact patches `kubectl argo rollouts` sends, and the
// refusals Rollscope adds (aborted, fully promoted, invalid input).
import { describe, expect, it } from "vitest";
import {
  blueGreenRollout,
  canaryRollout,
  deployment,
  replicaSet,
  settledRollout,
} from "../../testing/builders";
import type { ActionPlan, PlanResult } from "../action-plan";
import { planAbort } from "./abort";
import { rolloutActionAvailability } from "./availability";
import { planPromote } from "./promote";
import { planPromoteFull } from "./promote-full";
import { planRestart } from "./restart";
import { planRetry } from "./retry";
import { planRolloutSetImage } from "./set-image";
import { planUndo } from "./undo";

function plan(result: PlanResult): ActionPlan {
  if (!result.ok) throw new Error(`expected a plan, got refusal: ${result.reason}`);
  return result.plan;
}

function refusal(result: PlanResult): string {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.plan.requests)}`);
  return result.reason;
}

const target = { kind: "Rollout", namespace: "rollouts-demo", name: "myapp" };
const aborted = { status: { abort: true, phase: "Degraded", message: "RolloutAborted: aborted by user" } };

describe("promote", () => {
  it("clears the pause conditions of a paused step through the status subresource", () => {
    expect(plan(planPromote(canaryRollout())).requests).toEqual([
      {
        type: "patch",
        target,
        subresource: "status",
        patchType: "merge",
        body: { status: { pauseConditions: null } },
        fallbackWithoutSubresource: { spec: { paused: false }, status: { pauseConditions: null } },
      },
    ]);
  });

  it("also unpauses the spec of a manually paused rollout", () => {
    const requests = plan(planPromote(canaryRollout({ spec: { paused: true } }))).requests;
    expect(requests.map((r) => r.type === "patch" && [r.subresource ?? "spec", r.body])).toEqual([
      ["status", { status: { pauseConditions: null } }],
      ["spec", { spec: { paused: false } }],
    ]);
  });

  it("only unpauses the spec when there are no pause conditions (blue-green)", () => {
    const ro = blueGreenRollout({
      spec: { paused: true },
      status: { pauseConditions: null, controllerPause: null },
    });
    expect(plan(planPromote(ro)).requests.map((r) => r.type === "patch" && r.body)).toEqual([
      { spec: { paused: false } },
    ]);
  });

  it("accepts an Inconclusive step analysis: clears pause and controllerPause and moves to the next step", () => {
    const ro = canaryRollout({
      spec: {
        strategy: {
          canary: {
            steps: [
              { setWeight: 20 },
              { analysis: { templates: [{ templateName: "x" }] } },
              { setWeight: 50 },
            ],
          },
        },
      },
      status: {
        currentStepIndex: 1,
        pauseConditions: [{ reason: "InconclusiveAnalysisRun", startTime: "2026-11-20T10:00:00Z" }],
        canary: { currentStepAnalysisRunStatus: { name: "myapp-run", status: "Inconclusive" } },
      },
    });
    const [request] = plan(planPromote(ro)).requests;
    expect(request).toMatchObject({
      subresource: "status",
      body: { status: { pauseConditions: null, controllerPause: false, currentStepIndex: 2 } },
      fallbackWithoutSubresource: { spec: { paused: false }, status: { pauseConditions: null } },
    });
  });

  it("skips the step in progress when nothing is paused (e.g. a running analysis step)", () => {
    const ro = canaryRollout({
      status: { currentStepIndex: 2, pauseConditions: null, controllerPause: null },
    });
    const [request] = plan(planPromote(ro)).requests;
    expect(request).toMatchObject({
      subresource: "status",
      body: { status: { pauseConditions: null, currentStepIndex: 3 } },
      fallbackWithoutSubresource: {
        spec: { paused: false },
        status: { pauseConditions: null, currentStepIndex: 3 },
      },
    });
  });

  it("never moves past the last step", () => {
    const ro = canaryRollout({
      status: { currentStepIndex: 8, pauseConditions: null, controllerPause: null },
    });
    expect(plan(planPromote(ro)).requests[0]).toMatchObject({ body: { status: { currentStepIndex: 8 } } });
  });

  it("is refused on an aborted rollout", () => {
    expect(refusal(planPromote(canaryRollout(aborted)))).toMatch(/aborted/);
  });

  it("is refused on a fully promoted rollout", () => {
    expect(refusal(planPromote(settledRollout()))).toMatch(/fully promoted/);
  });

  it("is refused on a canary without steps that is not paused", () => {
    const ro = canaryRollout({
      spec: { strategy: { canary: { steps: [] } } },
      status: { pauseConditions: null, controllerPause: null, currentStepIndex: null },
    });
    expect(refusal(planPromote(ro))).toMatch(/Nothing to promote/);
  });
});

describe("promote full", () => {
  it("sets status.promoteFull when the canary is not yet stable", () => {
    expect(plan(planPromoteFull(canaryRollout())).requests).toEqual([
      {
        type: "patch",
        target,
        subresource: "status",
        patchType: "merge",
        body: { status: { promoteFull: true } },
        fallbackWithoutSubresource: { status: { promoteFull: true } },
      },
    ]);
  });

  it("also unpauses a manually paused rollout", () => {
    const requests = plan(planPromoteFull(canaryRollout({ spec: { paused: true } }))).requests;
    expect(requests.map((r) => r.type === "patch" && r.body)).toEqual([
      { status: { promoteFull: true } },
      { spec: { paused: false } },
    ]);
  });

  it("is refused when fully promoted or aborted", () => {
    expect(refusal(planPromoteFull(settledRollout()))).toMatch(/fully promoted/);
    expect(refusal(planPromoteFull(canaryRollout(aborted)))).toMatch(/aborted/);
  });
});

describe("abort and retry", () => {
  it("abort sets status.abort through the status subresource", () => {
    expect(plan(planAbort(canaryRollout())).requests).toEqual([
      {
        type: "patch",
        target,
        subresource: "status",
        patchType: "merge",
        body: { status: { abort: true } },
        fallbackWithoutSubresource: { status: { abort: true } },
      },
    ]);
  });

  it("abort is refused when already aborted or when nothing is in flight", () => {
    expect(refusal(planAbort(canaryRollout(aborted)))).toMatch(/already aborted/);
    expect(refusal(planAbort(settledRollout()))).toMatch(/no update is in progress/);
  });

  it("retry clears status.abort", () => {
    expect(plan(planRetry(canaryRollout(aborted))).requests[0]).toMatchObject({
      subresource: "status",
      body: { status: { abort: false } },
    });
  });

  it("retry is allowed on a degraded rollout that timed out", () => {
    const ro = canaryRollout({
      status: { phase: "Degraded", message: "ProgressDeadlineExceeded: timed out" },
    });
    expect(planRetry(ro).ok).toBe(true);
  });

  it("retry is refused on a healthy or paused rollout", () => {
    expect(refusal(planRetry(settledRollout()))).toMatch(/aborted or degraded/);
    expect(refusal(planRetry(canaryRollout()))).toMatch(/aborted or degraded/);
  });
});

describe("restart", () => {
  it("sets spec.restartAt to now in RFC 3339 UTC without fractions", () => {
    const p = plan(planRestart(canaryRollout(), new Date("2026-11-22T09:30:15.123Z")));
    expect(p.requests).toEqual([
      { type: "patch", target, patchType: "merge", body: { spec: { restartAt: "2026-11-22T09:30:15Z" } } },
    ]);
  });
});

describe("set image", () => {
  it("replaces the image of the named container, guarded by a test of its name", () => {
    const p = plan(
      planRolloutSetImage(canaryRollout(), { container: "myapp", image: "argoproj/rollouts-demo:green" }),
    );
    expect(p.requests).toEqual([
      {
        type: "patch",
        target,
        patchType: "json",
        body: [
          { op: "test", path: "/spec/template/spec/containers/0/name", value: "myapp" },
          {
            op: "replace",
            path: "/spec/template/spec/containers/0/image",
            value: "argoproj/rollouts-demo:green",
          },
        ],
      },
    ]);
    expect(p.description).toContain("from argoproj/rollouts-demo:yellow to argoproj/rollouts-demo:green");
  });

  it("finds init containers too", () => {
    const ro = canaryRollout({
      spec: {
        template: {
          spec: {
            containers: [{ name: "myapp", image: "a:1" }],
            initContainers: [{ name: "migrate", image: "a-migrate:1" }],
          },
        },
      },
    });
    const p = plan(planRolloutSetImage(ro, { container: "migrate", image: "a-migrate:2" }));
    expect(p.requests[0]).toMatchObject({
      body: [{ path: "/spec/template/spec/initContainers/0/name" }, { value: "a-migrate:2" }],
    });
  });

  it("refuses a malformed image reference, saying what is wrong", () => {
    expect(
      refusal(planRolloutSetImage(canaryRollout(), { container: "myapp", image: "Argoproj/Demo:blue" })),
    ).toMatch(/Invalid image "Argoproj\/Demo:blue": .*lowercase/);
  });

  it("refuses an unknown container, listing the ones there are", () => {
    expect(refusal(planRolloutSetImage(canaryRollout(), { container: "web", image: "nginx:1.27" }))).toBe(
      'No container named "web"; containers are: myapp.',
    );
  });

  it("refuses setting the image already running", () => {
    expect(
      refusal(
        planRolloutSetImage(canaryRollout(), { container: "myapp", image: "argoproj/rollouts-demo:yellow" }),
      ),
    ).toMatch(/already runs/);
  });

  it("patches the workloadRef Deployment of a rollout that references one", () => {
    const ro = canaryRollout({
      spec: {
        template: null,
        workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: "myapp-deploy" },
      },
    });
    const deploy = deployment("myapp-deploy", "rollouts-demo", "argoproj/rollouts-demo:red");
    const p = plan(
      planRolloutSetImage(ro, { container: "podinfod", image: "argoproj/rollouts-demo:blue" }, deploy),
    );
    expect(p.requests[0]).toMatchObject({
      target: { kind: "Deployment", name: "myapp-deploy" },
      patchType: "json",
    });
    expect(refusal(planRolloutSetImage(ro, { container: "podinfod", image: "x:1" }))).toMatch(
      /was not found/,
    );
  });
});

describe("undo", () => {
  const ro = canaryRollout({ metadata: { annotations: { "rollout.argoproj.io/revision": "3" } } });
  const sets = [
    replicaSet(ro, "aaa", 1, "argoproj/rollouts-demo:blue"),
    replicaSet(ro, "bbb", 2, "argoproj/rollouts-demo:green"),
    replicaSet(ro, "ccc", 3, "argoproj/rollouts-demo:yellow"),
  ];

  it("replaces the template with the previous revision's, without the pod-template-hash label", () => {
    const p = plan(planUndo(ro, sets, 0));
    expect(p.requests).toEqual([
      {
        type: "patch",
        target,
        patchType: "json",
        body: [
          {
            op: "replace",
            path: "/spec/template",
            value: {
              metadata: { labels: { app: "myapp" } },
              spec: { containers: [{ name: "myapp", image: "argoproj/rollouts-demo:green" }] },
            },
          },
        ],
      },
    ]);
  });

  it("rolls back to a named revision", () => {
    expect(plan(planUndo(ro, sets, 1)).description).toContain("revision 1 (myapp-aaa)");
  });

  it("refuses the current revision, an unknown one, and a template that already matches", () => {
    expect(refusal(planUndo(ro, sets, 3))).toBe("Revision 3 is already the current revision.");
    expect(refusal(planUndo(ro, sets, 9))).toBe(
      "Revision 9 was not found; revisions you can roll back to: 2, 1.",
    );
    const same = canaryRollout({
      metadata: { annotations: { "rollout.argoproj.io/revision": "4" } },
      spec: {
        template: {
          metadata: { labels: { app: "myapp" } },
          spec: { containers: [{ name: "myapp", image: "argoproj/rollouts-demo:green" }] },
        },
      },
    });
    expect(refusal(planUndo(same, sets, 2))).toBe("The current pod template already matches revision 2.");
  });

  it("refuses when there is no earlier revision", () => {
    expect(refusal(planUndo(ro, [sets[2] as (typeof sets)[number]], 0))).toMatch(/no previous revision/);
  });
});

describe("availability", () => {
  const byAction = (ro: Parameters<typeof rolloutActionAvailability>[0]) =>
    Object.fromEntries(rolloutActionAvailability(ro, []).map((a) => [a.action, a.enabled ? "on" : a.reason]));

  it("a paused canary offers promote, promote full and abort, not retry", () => {
    const a = byAction(canaryRollout());
    expect([a.promote, a.promoteFull, a.abort, a.restart, a.setImage]).toEqual([
      "on",
      "on",
      "on",
      "on",
      "on",
    ]);
    expect(a.retry).toBe("Retry is for aborted or degraded rollouts.");
    expect(a.undo).toBe("There is no earlier revision to roll back to.");
  });

  it("an aborted canary offers retry and never promote", () => {
    const a = byAction(canaryRollout(aborted));
    expect(a.retry).toBe("on");
    expect(a.promote).toMatch(/aborted/);
    expect(a.abort).toMatch(/already aborted/);
  });

  it("a blue-green rollout still bringing up its preview (no pause yet) does not offer promote", () => {
    const a = byAction(
      blueGreenRollout({
        status: { phase: "Progressing", message: "", controllerPause: false, pauseConditions: null },
      }),
    );
    expect(a.promote).toBe("Nothing to promote: the rollout is not paused and has no steps.");
    expect(byAction(blueGreenRollout()).promote).toBe("on");
  });

  it("a fully promoted rollout offers neither promote nor abort", () => {
    const a = byAction(settledRollout());
    expect(a.promote).toMatch(/fully promoted/);
    expect(a.promoteFull).toMatch(/fully promoted/);
    expect(a.abort).toMatch(/no update/);
  });
});
