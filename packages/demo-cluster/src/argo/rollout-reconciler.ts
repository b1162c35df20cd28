// One sync of one Rollout (rollout/controller.go reconcile): resolve the pod template (inline or from
// the workloadRef Deployment), build the context, update the paused conditions, then run the
// strategy. A setup error (e.g. a missing AnalysisTemplate) becomes an InvalidSpec condition.
import type { PodTemplate, Rollout } from "@rollscope/shared";
import type { RawObject } from "../demo-store";
import { AnalysisSetupError } from "./analysis-run-factory";
import { rolloutBlueGreen } from "./bluegreen";
import { rolloutCanary } from "./canary";
import { parsed } from "./kube-objects";
import { checkPausedConditions, newCondition, setCondition } from "./rollout-conditions";
import { type ControllerEnv, RolloutContext } from "./rollout-context";
import { persistStatus } from "./status-sync";

function resolveTemplate(
  env: ControllerEnv,
  ro: Rollout,
): { template?: PodTemplate; workloadGeneration?: number } {
  if (ro.spec.template) return { template: ro.spec.template };
  const ref = ro.spec.workloadRef;
  if (!ref?.name || (ref.kind && ref.kind !== "Deployment")) return {};
  const deployment = parsed(
    "Deployment",
    env.store.get({ kind: "Deployment", namespace: ro.metadata.namespace ?? "default", name: ref.name }),
  );
  if (!deployment?.spec?.template) return {};
  return { template: deployment.spec.template, workloadGeneration: deployment.metadata.generation ?? 1 };
}

export function reconcileRollout(env: ControllerEnv, raw: RawObject): void {
  const ro = parsed("Rollout", raw);
  if (!ro?.spec.strategy) return;
  const { template, workloadGeneration } = resolveTemplate(env, ro);
  if (!template) return;
  const ctx = new RolloutContext(env, ro, template);
  if (workloadGeneration !== undefined) {
    (ctx.newStatus as Record<string, unknown>).workloadObservedGeneration = String(workloadGeneration);
  }
  ctx.conditions = ctx.conditions.filter((c) => c.type !== "InvalidSpec");
  checkPausedConditions(ctx);
  try {
    if (ro.spec.strategy.blueGreen) rolloutBlueGreen(ctx);
    else rolloutCanary(ctx);
  } catch (error) {
    if (!(error instanceof AnalysisSetupError)) throw error;
    const message = `The Rollout "${ro.metadata.name}" is invalid: ${error.message}`;
    const conditions = [...(ctx.prev.conditions ?? [])];
    if (setCondition(conditions, newCondition("InvalidSpec", "True", "InvalidSpec", message, ctx.now()))) {
      env.events.warning(ro, "InvalidSpec", message);
    }
    persistStatus(Object.assign(ctx, { conditions }), { ...structuredClone(ctx.prev), conditions });
  }
}
