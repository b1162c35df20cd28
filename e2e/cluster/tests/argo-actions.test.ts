// Rollscope's Argo actions against the real Argo Rollouts controller, with Istio traffic routing:
// the controller sets the VirtualService's weights at every step, and the simulated mesh routes
// by them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argoRollout } from "./argo-objects";
import { apply, kubectl, rollscope, waitFor } from "./cluster";

const labels = { app: "web" };

function service(ns: string, name: string) {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: ns },
    spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
  };
}

/** The objects of argoproj/argo-rollouts' Istio host-split example, in namespace `ns`. */
function objects(ns: string) {
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
    service(ns, "web-stable"),
    service(ns, "web-canary"),
    {
      apiVersion: "networking.istio.io/v1beta1",
      kind: "VirtualService",
      metadata: { name: "web", namespace: ns },
      spec: {
        hosts: ["web"],
        http: [
          {
            name: "primary",
            route: [
              { destination: { host: "web-stable" }, weight: 100 },
              { destination: { host: "web-canary" }, weight: 0 },
            ],
          },
        ],
      },
    },
    argoRollout({
      namespace: ns,
      name: "web",
      image: "argoproj/rollouts-demo:blue",
      replicas: 5,
      canary: {
        stableService: "web-stable",
        canaryService: "web-canary",
        trafficRouting: { istio: { virtualService: { name: "web", routes: ["primary"] } } },
      },
      steps: [
        { setWeight: 20 },
        { pause: {} },
        { setWeight: 40 },
        { pause: { duration: "1h" } },
        { setWeight: 60 },
        { pause: { duration: "5s" } },
        { setWeight: 80 },
        { pause: {} },
      ],
    }),
  ];
}

/** The VirtualService's weights as the controller wrote them. */
function routed(ns: string): { stable: number; canary: number } {
  const route = JSON.parse(
    kubectl("-n", ns, "get", "virtualservice", "web", "-o", "jsonpath={.spec.http[0].route}"),
  ) as Array<{ destination: { host: string }; weight?: number }>;
  const weight = (host: string) => route.find((r) => r.destination.host === host)?.weight ?? 0;
  return { stable: weight("web-stable"), canary: weight("web-canary") };
}

describe("Argo actions on the real controller", () => {
  const ns = "argo-a";
  let api: Awaited<ReturnType<typeof rollscope>>;
  const target = () => ({ cluster: api.name, kind: "Rollout" as const, namespace: ns, name: "web" });
  const get = () => api.caller.deliveries.get(target()).then((d) => d.delivery);
  const promote = async (full = false) => {
    const { observed } = await get();
    const input = { target: target(), observed };
    return full ? api.caller.actions.promoteFull(input) : api.caller.actions.promote(input);
  };

  beforeAll(async () => {
    api = await rollscope();
    apply(...objects(ns));
  });
  afterAll(() => api?.running.stop());

  it("the kube source sees the rollout become Healthy", async () => {
    const d = await waitFor("web healthy", get, (x) => x.rawPhase === "Healthy");
    expect(d.replicas.ready).toBe(5);
    expect(routed(ns)).toEqual({ stable: 100, canary: 0 });
  });

  it("set image starts a new revision that pauses at step 1 with 20% routed to the canary", async () => {
    await api.caller.actions.setImage({
      target: target(),
      container: "web",
      image: "argoproj/rollouts-demo:yellow",
    });
    const d = await waitFor("paused at 1", get, (x) => x.rawPhase === "Paused" && x.step?.index === 1);
    expect(d.setWeight).toBe(20);
    expect(d.actualWeight).toBe(20);
    expect(d.revisions.map((r) => r.revision)).toEqual([2, 1]);
    expect(routed(ns)).toEqual({ stable: 80, canary: 20 });
  });

  it("promote at a manual pause: the next step, and the VirtualService at 40%", async () => {
    await promote();
    const d = await waitFor("in the 1 h pause", get, (x) => x.step?.index === 3 && x.rawPhase === "Paused");
    expect(d.setWeight).toBe(40);
    expect(routed(ns)).toEqual({ stable: 60, canary: 40 });
  });

  it("promote at a timed pause ends it now; a short timed pause then ends by itself", async () => {
    await promote();
    // Past the hour-long pause at once, through 60% and the 5 s pause, to the manual pause at 80%.
    const d = await waitFor("at the last pause", get, (x) => x.step?.index === 7 && x.rawPhase === "Paused");
    expect(d.setWeight).toBe(80);
    expect(routed(ns)).toEqual({ stable: 20, canary: 80 });
  });

  it("promote full goes to the end: everything on the new revision", async () => {
    await promote(true);
    const d = await waitFor(
      "fully promoted",
      get,
      (x) => x.rawPhase === "Healthy" && x.revisions[0]?.revision === 2,
    );
    // The old ReplicaSet stays up for scaleDownDelaySeconds (30 s with traffic routing), unrouted.
    expect(d.images.find((i) => i.tags.includes("stable"))?.image).toBe("argoproj/rollouts-demo:yellow");
    expect(routed(ns)).toEqual({ stable: 100, canary: 0 });
  });

  it("abort drops the weight to 0 and shows Degraded; retry resumes", async () => {
    await api.caller.actions.setImage({
      target: target(),
      container: "web",
      image: "argoproj/rollouts-demo:green",
    });
    await waitFor("paused again", get, (x) => x.rawPhase === "Paused" && x.step?.index === 1);
    expect(routed(ns).canary).toBe(20);
    await api.caller.actions.abort({ target: target(), observed: (await get()).observed });
    const aborted = await waitFor("aborted", get, (x) => x.rawPhase === "Degraded");
    expect(aborted.setWeight).toBe(0);
    expect(aborted.message).toMatch(/RolloutAborted/);
    await waitFor(
      "all traffic back on stable",
      () => routed(ns),
      (w) => w.canary === 0 && w.stable === 100,
    );
    await api.caller.actions.retry({ target: target(), observed: (await get()).observed });
    await waitFor("resumed", get, (x) => x.rawPhase === "Paused" && !x.aborted && x.step?.index === 1);
    expect(routed(ns)).toEqual({ stable: 80, canary: 20 });
  });

  it("restart sets restartAt and undo rolls back to a previous revision", async () => {
    await api.caller.actions.restart({ target: target() });
    expect(kubectl("-n", ns, "get", "rollout", "web", "-o", "jsonpath={.spec.restartAt}")).toMatch(
      /^\d{4}-\d\d-\d\dT/,
    );
    await api.caller.actions.undo({ target: target(), observed: (await get()).observed, revision: 0 });
    await waitFor("new revision from undo", get, (x) => x.revisions.some((r) => (r.revision ?? 0) >= 4));
  });

  it("lists rollouts in several namespaces and drops deleted ones", async () => {
    apply(...objects("argo-b"));
    kubectl("-n", "argo-b", "create", "deployment", "noise", "--image=nginx");
    await waitFor(
      "both namespaces",
      () => api.caller.deliveries.list({}),
      // Other suites' namespaces may be there too; both of ours must be, each with its rollout.
      (l) => [ns, "argo-b"].every((n) => l.some((d) => d.ref.namespace === n && d.ref.name === "web")),
    );
    kubectl("-n", "argo-b", "delete", "rollout", "web");
    await waitFor(
      "deleted rollout gone",
      () => api.caller.deliveries.list({ namespace: "argo-b" }),
      (l) => l.length === 0,
    );
  });
});
