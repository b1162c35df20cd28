// Rollscope's Flagger actions against the real Flagger controller, with the simulated mesh's traffic
// scraped by a real Prometheus: Flagger's builtin Istio checks run on real data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apply, cluster, kubectl, rollscope, waitFor } from "./cluster";
import { canary, loadtester, namespace, podinfo, podinfoImage } from "./flagger-objects";

type Api = Awaited<ReturnType<typeof rollscope>>;

/** Istio weights of the apex VirtualService, e.g. { primary: 50, canary: 50 }. */
function routedWeights(ns: string): { primary: number; canary: number } {
  const http = JSON.parse(
    kubectl("-n", ns, "get", "virtualservice", "podinfo", "-o", "jsonpath={.spec.http}"),
  );
  const route = (http[0]?.route ?? []) as Array<{ destination: { host: string }; weight?: number }>;
  const weight = (host: string) => route.find((r) => r.destination.host === host)?.weight ?? 0;
  return { primary: weight("podinfo-primary"), canary: weight("podinfo-canary") };
}

const primaryImage = (ns: string) =>
  kubectl(
    "-n",
    ns,
    "get",
    "deployment",
    "podinfo-primary",
    "-o",
    "jsonpath={.spec.template.spec.containers[0].image}",
  );

/** Whether the real loadtester's gate for this canary is open (it answers 200 open, 403 closed). */
async function gateOpen(ns: string, gate: "gate" | "rollback" = "gate"): Promise<boolean> {
  const res = await fetch(`${cluster.LOADTESTER_URL}/${gate}/check`, {
    method: "POST",
    body: JSON.stringify({ name: "podinfo", namespace: ns }),
  });
  return res.status === 200;
}

function suite(ns: string, webhooks: Parameters<typeof canary>[1]) {
  let api: Api;
  const target = () => ({ cluster: api.name, kind: "Canary" as const, namespace: ns, name: "podinfo" });
  const get = () => api.caller.deliveries.get(target()).then((d) => d.delivery);
  const setImage = (tag: string) =>
    api.caller.actions.setImage({ target: target(), container: "podinfod", image: podinfoImage(tag) });

  beforeAll(async () => {
    api = await rollscope();
    apply(namespace(ns));
    apply(...loadtester(ns), podinfo(ns, "6.0.0"), canary(ns, webhooks));
  });
  afterAll(() => api?.running.stop());
  return { api: () => api, target, get, setImage };
}

describe("Flagger with confirm-promotion and rollback gates on the loadtester", () => {
  const ns = "flagger-a";
  const { api, target, get, setImage } = suite(ns, [
    { name: "approve", type: "confirm-promotion", path: "/gate/check" },
    { name: "rollback", type: "rollback", path: "/rollback/check" },
  ]);

  it("initialises: primary Deployment, Services and VirtualService; Rollscope shows Initialized", async () => {
    const d = await waitFor("initialized", get, (x) => x.rawPhase === "Initialized");
    expect(kubectl("-n", ns, "get", "service", "-o", "name").split("\n")).toEqual(
      expect.arrayContaining(["service/podinfo", "service/podinfo-canary", "service/podinfo-primary"]),
    );
    expect(routedWeights(ns)).toEqual({ primary: 100, canary: 0 });
    expect(d.actualWeight).toBe(0);
    expect(d.replicas.ready).toBe(2);
  });

  it("set image on the target starts an analysis that steps 25 → 50 on real metrics, then waits at the gate", async () => {
    await setImage("6.0.1");
    const seen = new Set<number>();
    const d = await waitFor(
      "waiting for promotion",
      async () => {
        const x = await get();
        seen.add(x.actualWeight);
        return x;
      },
      (x) => x.rawPhase === "WaitingPromotion",
    );
    expect(seen).toContain(25);
    expect(d.waitingForPerson).toBe(true);
    expect(d.actions.find((a) => a.action === "promote")?.lever).toBe("loadtester gate confirm-promotion");
    // Flagger zeroes status.canaryWeight here; the mesh still routes half to the canary.
    expect(routedWeights(ns)).toEqual({ primary: 50, canary: 50 });
    expect(d.actualWeight).toBe(50);
    expect(await gateOpen(ns)).toBe(false);
  });

  it("promote opens the gate through the API server's service proxy; Flagger promotes; the gate is closed again", async () => {
    const before = await get();
    await api().caller.actions.promote({ target: target(), observed: before.observed });
    await waitFor("succeeded", get, (x) => x.rawPhase === "Succeeded");
    expect(primaryImage(ns)).toBe(podinfoImage("6.0.1"));
    expect(routedWeights(ns)).toEqual({ primary: 100, canary: 0 });
    await waitFor(
      "gate closed after the run",
      () => gateOpen(ns),
      (open) => !open,
      30_000,
    );
  });

  it("abort opens the rollback gate: Flagger rolls back to the primary", async () => {
    await setImage("6.0.2");
    await waitFor("analysing", get, (x) => x.actualWeight > 0 || x.rawPhase === "WaitingPromotion");
    await api().caller.actions.abort({ target: target(), observed: (await get()).observed });
    const d = await waitFor("failed", get, (x) => x.rawPhase === "Failed");
    expect(d.aborted).toBe(true);
    expect(routedWeights(ns)).toEqual({ primary: 100, canary: 0 });
    expect(primaryImage(ns)).toBe(podinfoImage("6.0.1"));
    await waitFor(
      "rollback gate closed",
      () => gateOpen(ns, "rollback"),
      (open) => !open,
      30_000,
    );
  });

  it("retry starts a new analysis of the same release", async () => {
    await api().caller.actions.retry({ target: target(), observed: (await get()).observed });
    // Flagger reports Progressing before it scales the canary up; Images lists only revisions with pods.
    const d = await waitFor(
      "analysing again, with the release's pods",
      get,
      (x) =>
        (x.rawPhase === "Progressing" || x.rawPhase === "WaitingPromotion") &&
        x.images.some((i) => i.image === podinfoImage("6.0.2")),
    );
    expect(d.aborted).toBe(false);
    await waitFor("at the gate again", get, (x) => x.rawPhase === "WaitingPromotion");
  });
});

describe("Flagger without gates", () => {
  const ns = "flagger-b";
  const { api, target, get, setImage } = suite(ns, []);

  it("abort without a rollback gate raises failedChecks to the threshold; Flagger rolls back", async () => {
    await waitFor("initialized", get, (x) => x.rawPhase === "Initialized");
    await setImage("6.0.1");
    await waitFor("analysing", get, (x) => x.actualWeight > 0);
    await api().caller.actions.abort({ target: target(), observed: (await get()).observed });
    await waitFor("failed", get, (x) => x.rawPhase === "Failed");
    expect(routedWeights(ns)).toEqual({ primary: 100, canary: 0 });
    expect(primaryImage(ns)).toBe(podinfoImage("6.0.0"));
  });

  it("a bad image fails Flagger's request-success-rate check on the mesh's traffic and is rolled back", async () => {
    await setImage("6.0.3-bad");
    await waitFor("analysing", get, (x) => x.rawPhase === "Progressing");
    const d = await waitFor("failed", get, (x) => x.rawPhase === "Failed");
    expect(primaryImage(ns)).toBe(podinfoImage("6.0.0"));
    const events = kubectl(
      "-n",
      ns,
      "get",
      "events",
      "--field-selector",
      "involvedObject.kind=Canary",
      "-o",
      "jsonpath={.items[*].message}",
    );
    expect(events).toMatch(/Halt podinfo\.flagger-b advancement success rate [\d.]+% < 99%/);
    expect(events).toMatch(/Rolling back podinfo\.flagger-b failed checks threshold reached 3/);
    expect(d.aborted).toBe(true);
  });

  it("lists the Canaries of several namespaces and drops a deleted one", async () => {
    const canaries = () =>
      api()
        .caller.deliveries.list({})
        .then((l) => l.filter((d) => d.ref.kind === "Canary"));
    await waitFor("both namespaces", canaries, (l) =>
      ["flagger-a", ns].every((n) => l.some((d) => d.ref.namespace === n)),
    );
    kubectl("-n", ns, "delete", "canary", "podinfo");
    await waitFor(
      "deleted canary gone",
      () => api().caller.deliveries.list({ namespace: ns }),
      (l) => l.length === 0,
    );
  });
});
