// Rollscope's Argo actions against the real Argo Rollouts controller.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubectl, rollscope, waitFor } from "./cluster";

const canary = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: web, namespace: argo-a }
spec:
  replicas: 5
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "argoproj/rollouts-demo:blue" }] }
  strategy:
    canary:
      steps:
        - setWeight: 20
        - pause: {}
        - setWeight: 40
        - pause: { duration: 5s }
        - setWeight: 60
        - pause: {}
`;

describe("Argo actions on the real controller", () => {
  let api: Awaited<ReturnType<typeof rollscope>>;
  const target = () => ({ cluster: api.name, kind: "Rollout" as const, namespace: "argo-a", name: "web" });
  const get = () => api.caller.deliveries.get(target()).then((d) => d.delivery);

  beforeAll(async () => {
    kubectl("create", "namespace", "argo-a");
    kubectl("create", "namespace", "argo-b");
    api = await rollscope();
    const file = `/tmp/rollscope-web-${Date.now()}.yaml`;
    (await import("node:fs")).writeFileSync(file, canary);
    kubectl("apply", "-f", file);
  });
  afterAll(() => api?.running.stop());

  it("the kube source sees the rollout become Healthy", async () => {
    const d = await waitFor("web healthy", get, (x) => x.rawPhase === "Healthy");
    expect(d.replicas.ready).toBe(5);
  });

  it("set image starts a new revision that pauses at step 1", async () => {
    await api.caller.actions.setImage({
      target: target(),
      container: "web",
      image: "argoproj/rollouts-demo:yellow",
    });
    const d = await waitFor("paused at 1", get, (x) => x.rawPhase === "Paused" && x.step?.index === 1);
    expect(d.setWeight).toBe(20);
    expect(d.revisions.map((r) => r.revision)).toEqual([2, 1]);
  });

  it("promote from the manual pause: the controller moves on to 40%", async () => {
    const before = await get();
    await api.caller.actions.promote({ target: target(), observed: before.observed });
    const d = await waitFor("past step 1", get, (x) => (x.step?.index ?? 0) >= 3);
    expect(d.setWeight).toBeGreaterThanOrEqual(40);
  });

  it("a timed pause ends by itself, then promote full jumps to the end", async () => {
    await waitFor("manual pause at 5", get, (x) => x.step?.index === 5 && x.rawPhase === "Paused");
    const before = await get();
    await api.caller.actions.promoteFull({ target: target(), observed: before.observed });
    await waitFor("fully promoted", get, (x) => x.rawPhase === "Healthy");
  });

  it("abort drops the weight to 0 and shows Degraded; retry resumes", async () => {
    await api.caller.actions.setImage({
      target: target(),
      container: "web",
      image: "argoproj/rollouts-demo:green",
    });
    await waitFor("paused again", get, (x) => x.rawPhase === "Paused");
    await api.caller.actions.abort({ target: target() });
    const aborted = await waitFor("aborted", get, (x) => x.rawPhase === "Degraded");
    expect(aborted.setWeight).toBe(0);
    expect(aborted.message).toMatch(/RolloutAborted/);
    await api.caller.actions.retry({ target: target() });
    await waitFor("resumed", get, (x) => x.rawPhase !== "Degraded" && !x.aborted);
  });

  it("restart sets restartAt and undo rolls back to a previous revision", async () => {
    await api.caller.actions.restart({ target: target() });
    expect(kubectl("-n", "argo-a", "get", "rollout", "web", "-o", "jsonpath={.spec.restartAt}")).toMatch(
      /^\d{4}-\d\d-\d\dT/,
    );
    await api.caller.actions.undo({ target: target(), revision: 0 });
    await waitFor("new revision from undo", get, (x) => x.revisions.some((r) => (r.revision ?? 0) >= 4));
  });

  it("lists rollouts in several namespaces and drops deleted ones", async () => {
    kubectl("-n", "argo-b", "create", "deployment", "noise", "--image=nginx");
    const second = canary.replace("namespace: argo-a", "namespace: argo-b");
    const file = `/tmp/rollscope-web-b-${Date.now()}.yaml`;
    (await import("node:fs")).writeFileSync(file, second);
    kubectl("apply", "-f", file);
    await waitFor(
      "both namespaces",
      () => api.caller.deliveries.list({}),
      // Other suites' namespaces may be there too; both of ours must be, each with its rollout.
      (l) =>
        ["argo-a", "argo-b"].every((ns) => l.some((d) => d.ref.namespace === ns && d.ref.name === "web")),
    );
    kubectl("-n", "argo-b", "delete", "rollout", "web");
    await waitFor(
      "deleted rollout gone",
      () => api.caller.deliveries.list({ namespace: "argo-b" }),
      (l) => l.length === 0,
    );
  });
});
