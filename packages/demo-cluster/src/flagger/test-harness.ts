// Test scaffolding for the Flagger simulator: a manual clock, a scripted metric provider and an
// ordered log of the Event messages written to the store (aggregated repeats included).
import { type Canary, canaryDelivery, type Deployment, parseObject } from "@rollscope/shared";
import { DemoStore, type RawObject } from "../demo-store";
import { ManualClock } from "../manual-clock";
import type { DemoMetricProvider, MetricQueryResult } from "../metric-provider";
import { FlaggerSimulator, type FlaggerSimulatorOptions } from "./flagger-simulator";
import { loadtesterDeployment, podinfoCanary, podinfoDeployment } from "./scenario-objects";

export class ScriptedMetrics implements DemoMetricProvider {
  readonly description = "scripted metrics";
  readonly queries: string[] = [];

  constructor(public answer: (promql: string) => MetricQueryResult = healthyAnswer) {}

  async query(promql: string): Promise<MetricQueryResult> {
    this.queries.push(promql);
    return this.answer(promql);
  }
}

/** 99.9% success, 120ms p99, 0.2% error rate: passes every demo threshold. */
export function healthyAnswer(promql: string): MetricQueryResult {
  if (promql.includes("histogram_quantile")) return { ok: true, values: [120] };
  if (promql.trimStart().startsWith("100 -")) return { ok: true, values: [0.2] };
  return { ok: true, values: [99.9] };
}

export interface Harness {
  clock: ManualClock;
  store: DemoStore;
  metrics: ScriptedMetrics;
  sim: FlaggerSimulator;
  /** "Type: message" of every event write, in order. */
  log: string[];
  /** Moves demo time on and runs the due jobs. */
  step(seconds: number): Promise<void>;
  /** Sets the first container's image of a Deployment, as `kubectl set image` would. */
  setImage(namespace: string, name: string, image: string): void;
  canary(namespace: string, name: string): Canary;
  deployment(namespace: string, name: string): RawObject | undefined;
  /** [primary, canary] weights of the first route that has both. */
  weights(namespace: string, name: string): [number, number] | undefined;
  delivery(namespace: string, name: string): ReturnType<typeof canaryDelivery>;
}

export function createHarness(objects: RawObject[], options: Partial<FlaggerSimulatorOptions> = {}): Harness {
  const clock = new ManualClock(new Date("2026-03-02T09:00:00Z"));
  const store = new DemoStore(clock);
  const metrics = new ScriptedMetrics();
  const log: string[] = [];
  store.watch((event) => {
    const o = event.object;
    if (o.kind !== "Event" || event.type === "deleted") return;
    log.push(`${o.type as string}: ${o.message as string}`);
  });
  for (const object of objects) store.create(object);
  const sim = new FlaggerSimulator({ store, clock, metrics, ...options });
  const canary = (namespace: string, name: string): Canary => {
    const parsed = parseObject("Canary", store.get({ kind: "Canary", namespace, name }));
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  };
  return {
    clock,
    store,
    metrics,
    sim,
    log,
    async step(seconds) {
      clock.advance(seconds * 1000);
      await sim.tick();
    },
    setImage(namespace, name, image) {
      const target = store.get({ kind: "Deployment", namespace, name });
      if (!target) throw new Error(`no Deployment ${namespace}/${name}`);
      const template = structuredClone(target.spec?.template) as {
        spec: { containers: Array<{ image: string }> };
      };
      const container = template.spec.containers[0];
      if (container) container.image = image;
      store.update({ ...target, spec: { ...target.spec, template } });
    },
    canary,
    deployment: (namespace, name) => store.get({ kind: "Deployment", namespace, name }),
    weights(namespace, name) {
      const vs = store.get({ kind: "VirtualService", namespace, name });
      const http = (vs?.spec?.http ?? []) as Array<{ route: Array<{ weight: number }> }>;
      const route = http.find((r) => r.route.length === 2)?.route;
      return route ? [route[0]?.weight ?? 0, route[1]?.weight ?? 0] : undefined;
    },
    delivery(namespace, name) {
      const deployments = store.list("Deployment", namespace).flatMap((raw) => {
        const parsed = parseObject("Deployment", raw);
        return parsed.ok ? [parsed.value as Deployment] : [];
      });
      return canaryDelivery({ cluster: "demo", canary: canary(namespace, name), deployments });
    },
  };
}

export const podinfoObjects = (): RawObject[] => [
  loadtesterDeployment("test"),
  podinfoDeployment(),
  podinfoCanary(),
];

/** A harness whose canary has been initialised (the first tick waits for the primary). */
export async function initialisedHarness(
  objects: RawObject[],
  canary: { namespace: string; name: string; interval: number },
): Promise<Harness> {
  const h = createHarness(objects);
  await initialise(h, canary);
  return h;
}

/** Runs the harness until the canary is initialised (the first tick waits for the primary), then
 * empties the log. */
export async function initialise(
  h: Harness,
  canary: { namespace: string; name: string; interval: number },
): Promise<void> {
  await h.sim.tick();
  await h.step(canary.interval);
  const phase = h.canary(canary.namespace, canary.name).status?.phase;
  if (phase !== "Initialized") throw new Error(`expected Initialized, got ${phase}`);
  h.log.length = 0;
}

/** "phase:canaryWeight" of a canary. */
export function phaseAndWeight(h: Harness, namespace = "test", name = "podinfo"): string {
  const s = h.canary(namespace, name).status;
  return `${s?.phase}:${s?.canaryWeight}`;
}
