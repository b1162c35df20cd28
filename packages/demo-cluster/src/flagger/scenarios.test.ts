import { parseObject } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import { DemoStore } from "../demo-store";
import { ManualClock } from "../manual-clock";
import { MeshMetricProvider } from "../mesh/mesh-metric-provider";
import { MeshSimulator } from "../mesh/mesh-simulator";
import { seededRandom } from "../mesh/traffic-profile";
import { FlaggerSimulator } from "./flagger-simulator";
import { DemoLoadtester } from "./loadtester";
import { installFlaggerScenarios, nextImage, ReleaseDriver } from "./scenarios";

function demo(driver: { everySeconds: number; badEvery: number; slowEvery: number }) {
  const clock = new ManualClock(new Date("2026-03-02T09:00:00Z"));
  const store = new DemoStore(clock);
  const loadtester = new DemoLoadtester({ now: () => clock.nowMs() });
  const mesh = new MeshSimulator({ store, clock, loadtester, random: seededRandom(3) });
  const sim = new FlaggerSimulator({ store, clock, loadtester, metrics: new MeshMetricProvider(mesh) });
  const releases = new ReleaseDriver({ store, clock, firstReleaseAfterSeconds: 20, ...driver });
  installFlaggerScenarios(store);
  const phases = new Map<string, string[]>();
  store.watch((event) => {
    if (event.object.kind !== "Canary") return;
    const id = `${event.object.metadata.namespace}/${event.object.metadata.name}`;
    const phase = String(event.object.status?.phase ?? "");
    const seen = phases.get(id) ?? [];
    if (seen.at(-1) !== phase) seen.push(phase);
    phases.set(id, seen);
  });
  const run = async (seconds: number) => {
    for (let t = 0; t < seconds; t += 5) {
      clock.advance(5000);
      mesh.tick();
      releases.tick();
      await sim.tick();
    }
  };
  return { clock, store, loadtester, sim, phases, run };
}

describe("Flagger demo scenarios", () => {
  it("installs parseable objects in test, prod, shop and istio-system, once", () => {
    const store = new DemoStore(new ManualClock(new Date("2026-03-02T09:00:00Z")));
    expect(installFlaggerScenarios(store)).toBe(10);
    expect(installFlaggerScenarios(store)).toBe(0);
    const namespaces = new Set(store.all().map((o) => o.metadata.namespace));
    expect([...namespaces].sort()).toEqual(["istio-system", "prod", "shop", "test"]);
    for (const o of store.all())
      expect(parseObject(o.kind as "Canary", o).ok, `${o.kind} ${o.metadata.name}`).toBe(true);
  });

  it("tags releases with patch bumps and the occasional bad or slow image", () => {
    expect(nextImage("ghcr.io/stefanprodan/podinfo:6.0.0", 1, 4, 7)).toBe(
      "ghcr.io/stefanprodan/podinfo:6.0.1",
    );
    expect(nextImage("ghcr.io/stefanprodan/podinfo:6.0.3-bad", 4, 4, 7)).toBe(
      "ghcr.io/stefanprodan/podinfo:6.0.4-bad",
    );
    expect(nextImage("localhost:5000/app:v1.2.3-slow", 7, 4, 7)).toBe("localhost:5000/app:v1.2.4-slow");
    expect(nextImage("nginx", 2, 0, 0)).toBe("nginx:latest-r2");
  });

  it("runs the whole demo on the mesh's own numbers: podinfo succeeds, a bad release fails, cart waits at its gate", async () => {
    const d = demo({ everySeconds: 60, badEvery: 2, slowEvery: 0 });
    await d.run(20 * 60);
    const podinfo = d.phases.get("test/podinfo") ?? [];
    // Release 1 is promoted on healthy metrics; release 2 is "-bad" and rolled back.
    expect(podinfo.slice(0, 8)).toEqual([
      "Initializing",
      "Initialized",
      "Progressing",
      "Promoting",
      "Finalising",
      "Succeeded",
      "Progressing",
      "Failed",
    ]);
    const events = d.store
      .list("Event", "test")
      .map((e) => String(e.message))
      .filter((m) => m.includes("podinfo.test"));
    expect(events).toContain("Rolling back podinfo.test failed checks threshold reached 10");
    expect(events.some((m) => /^Halt podinfo\.test advancement success rate \d+\.\d\d% < 99%$/.test(m))).toBe(
      true,
    );

    // The A/B frontend went through its iterations on the load test's canary traffic.
    expect(d.phases.get("prod/frontend")).toContain("Succeeded");
    // cart holds at the confirm-promotion gate until someone opens it.
    expect(d.phases.get("shop/cart")?.at(-1)).toBe("WaitingPromotion");
    d.loadtester.handle("/gate/open", { name: "cart", namespace: "shop" });
    await d.run(60);
    expect(d.phases.get("shop/cart")).toContain("Succeeded");
    d.sim.stop();
  });
});
