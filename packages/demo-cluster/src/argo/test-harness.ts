// Test support for the simulator: a manual clock, a scripted metric provider, a store, and helpers
// that step demo time, apply Rollscope's action plans exactly as the demo cluster source does, and
// read objects back through the shared schemas and view model.
import {
  type ActionPlan,
  type AnalysisRun,
  type Delivery,
  type KubeEvent,
  type ObjectOfKind,
  type PlanResult,
  type Rollout,
  rolloutDelivery,
} from "@rollscope/shared";
import { DemoStore, type RawObject } from "../demo-store";
import { ManualClock } from "../manual-clock";
import type { DemoMetricProvider, MetricQueryResult } from "../metric-provider";
import { parsed } from "./kube-objects";
import { ArgoRolloutsSimulator } from "./simulator";

export class ScriptedMetrics implements DemoMetricProvider {
  readonly description = "scripted test metrics";
  readonly queries: string[] = [];
  /** Answer per query; the default is a healthy [1]. */
  answer: (query: string) => MetricQueryResult = () => ({ ok: true, values: [1] });

  async query(promql: string): Promise<MetricQueryResult> {
    this.queries.push(promql);
    return this.answer(promql);
  }
}

export function createHarness(options: { podReadySeconds?: number } = {}) {
  const clock = new ManualClock();
  const store = new DemoStore(clock);
  const metrics = new ScriptedMetrics();
  const sim = new ArgoRolloutsSimulator({
    store,
    clock,
    metrics,
    podReadySeconds: options.podReadySeconds ?? 5,
  });

  const rollout = (namespace: string, name: string): Rollout => {
    const found = parsed("Rollout", store.get({ kind: "Rollout", namespace, name }));
    if (!found) throw new Error(`Rollout ${namespace}/${name} not found`);
    return found;
  };
  const list = <K extends "ReplicaSet" | "Pod" | "AnalysisRun" | "Experiment" | "Event">(
    kind: K,
    namespace?: string,
  ) =>
    store
      .list(kind, namespace)
      .map((raw) => parsed(kind, raw))
      .filter((o): o is ObjectOfKind<K> => o !== undefined);

  const h = {
    clock,
    store,
    metrics,
    sim,
    create: (...objects: RawObject[]) => {
      for (const o of objects) store.create(o);
    },
    /** Advances demo time by `seconds`, then runs one tick. */
    step: async (seconds = 1) => {
      clock.advance(seconds * 1000);
      await sim.tick();
    },
    /** Steps until `done` holds; fails with the last phase after `maxSeconds` of demo time. */
    until: async (done: () => boolean, maxSeconds = 600, stepSeconds = 1) => {
      for (let t = 0; t <= maxSeconds; t += stepSeconds) {
        if (done()) return;
        await h.step(stepSeconds);
      }
      throw new Error(`condition not reached after ${maxSeconds}s of demo time`);
    },
    rollout,
    replicaSets: (namespace: string) => list("ReplicaSet", namespace),
    pods: (namespace: string) => list("Pod", namespace),
    runs: (namespace: string): AnalysisRun[] => list("AnalysisRun", namespace),
    experiments: (namespace: string) => list("Experiment", namespace),
    events: (name?: string): KubeEvent[] =>
      list("Event")
        .filter((e) => name === undefined || e.involvedObject.name === name)
        .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)),
    reasons: (name: string) => h.events(name).map((e) => e.reason),
    messages: (name: string) => h.events(name).map((e) => e.message),
    delivery: (namespace: string, name: string): Delivery =>
      rolloutDelivery({
        cluster: "demo",
        rollout: rollout(namespace, name),
        replicaSets: list("ReplicaSet", namespace),
        pods: list("Pod", namespace),
        analysisRuns: list("AnalysisRun", namespace),
        experiments: list("Experiment", namespace),
      }),
    /** Applies an action plan's patches the way the demo source does (status subresource included). */
    apply: (result: PlanResult): ActionPlan => {
      if (!result.ok) throw new Error(`action refused: ${result.reason}`);
      for (const request of result.plan.requests) {
        if (request.type !== "patch") throw new Error(`unexpected ${request.type} request`);
        store.patch(request.target, {
          patchType: request.patchType,
          body: request.body,
          subresource: request.patchType === "merge" ? request.subresource : undefined,
        });
      }
      return result.plan;
    },
    /** A merge patch on the status subresource, e.g. `{ abort: true }`. */
    patchStatus: (namespace: string, name: string, status: Record<string, unknown>) =>
      store.patch(
        { kind: "Rollout", namespace, name },
        { patchType: "merge", body: { status }, subresource: "status" },
      ),
  };
  return h;
}

export type Harness = ReturnType<typeof createHarness>;
