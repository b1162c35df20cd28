// Carries out a person's action: finds the object, refuses stale clicks and disallowed states, checks
// RBAC, writes the audit log (before and after), sends the plan's requests, records a history marker
// and a Kubernetes Event, and registers follow-ups (restore skipAnalysis, close a loadtester gate).
import {
  type ActionName,
  type ActionPlan,
  type ActionRequest,
  type Canary,
  canaryObservedState,
  checkPrecondition,
  type ObservedState,
  type Rollout,
  rolloutObservedState,
} from "@rollscope/shared";
import type { Services } from "../runtime/services";
import { describeAccess, missingAccess } from "./access";
import { fromClusterError, refused } from "./action-errors";
import type { ActionInput } from "./action-input";
import { type ActionArguments, planCanaryAction, planRolloutAction } from "./plan-action";

export interface ActionOutcome {
  action: ActionName;
  lever: string;
  description: string;
  auditId: string;
}

export type Prepared =
  | { ok: true; plan: ActionPlan; object: Rollout | Canary; current: ObservedState }
  | { ok: false; code: "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "PRECONDITION_FAILED"; reason: string };

/** Everything up to the point of sending: lookups, read-only, precondition and the plan. */
export function prepareAction(
  services: Services,
  action: ActionName,
  input: ActionInput,
  args: ActionArguments,
): Prepared {
  const { target } = input;
  const entry = services.clusters.get(target.cluster);
  if (!entry) {
    const known = services.clusters.names().join(", ") || "none";
    return {
      ok: false,
      code: "NOT_FOUND",
      reason: `Unknown cluster "${target.cluster}"; clusters are: ${known}.`,
    };
  }
  const { source, index } = entry;
  if (services.config.readOnly) {
    return {
      ok: false,
      code: "FORBIDDEN",
      reason: "Rollscope runs in read-only mode: actions are disabled.",
    };
  }
  if (source.readOnlyReason) return { ok: false, code: "FORBIDDEN", reason: source.readOnlyReason };
  const object = source.store.get(target.kind, target.namespace, target.name) as Rollout | Canary | undefined;
  if (!object) {
    const where = `${target.kind} ${target.namespace}/${target.name}`;
    return { ok: false, code: "NOT_FOUND", reason: `${where} was not found in cluster ${target.cluster}.` };
  }
  const current: ObservedState =
    target.kind === "Rollout"
      ? rolloutObservedState(object as Rollout)
      : canaryObservedState(object as Canary);
  const precondition = checkPrecondition(input.observed, current);
  if (!precondition.ok) return { ok: false, code: "CONFLICT", reason: precondition.reason };
  const now = services.now();
  const planned =
    target.kind === "Rollout"
      ? planRolloutAction(action, object as Rollout, index, args, now)
      : planCanaryAction(action, object as Canary, source, args, now);
  if (!planned.ok) return { ok: false, code: "PRECONDITION_FAILED", reason: planned.reason };
  return { ok: true, plan: planned.plan, object, current };
}

export async function executeAction(
  services: Services,
  identity: string,
  action: ActionName,
  input: ActionInput,
  args: ActionArguments = {},
): Promise<ActionOutcome> {
  const { target } = input;
  const auditBase = {
    identity,
    cluster: target.cluster,
    object: { kind: target.kind, namespace: target.namespace, name: target.name },
    action,
  };
  const refuse = async (code: Parameters<typeof refused>[0], message: string, observed?: unknown) => {
    services.metrics.actions.inc({ action, result: "refused" });
    await services.audit.append({
      ...auditBase,
      id: services.audit.newId(),
      requests: [],
      observed,
      result: "refused",
      error: message,
    });
    return refused(code, message);
  };

  const prepared = prepareAction(services, action, input, args);
  if (!prepared.ok) throw await refuse(prepared.code, prepared.reason, input.observed);
  const { plan, object, current } = prepared;
  const source = services.clusters.get(target.cluster)?.source;
  if (!source) throw refused("NOT_FOUND", `Unknown cluster "${target.cluster}".`);

  const denied = await missingAccess(source, plan.requests);
  if (denied)
    throw await refuse(
      "FORBIDDEN",
      `Not allowed: Rollscope's identity may not ${describeAccess(denied)}.`,
      input.observed,
    );

  const auditId = services.audit.newId();
  const planned_ = {
    ...auditBase,
    id: auditId,
    lever: plan.lever,
    description: plan.description,
    requests: plan.requests,
    observed: current,
  };
  await services.audit.append({ ...planned_, result: "started" });
  try {
    for (const request of plan.requests) await send(services, target.cluster, identity, request);
  } catch (error) {
    const failure = fromClusterError(error);
    services.metrics.actions.inc({ action, result: "failed" });
    await services.audit.append({ ...planned_, result: "failed", error: failure.message });
    throw failure;
  }
  await services.audit.append({ ...planned_, result: "succeeded" });
  services.metrics.actions.inc({ action, result: "succeeded" });
  afterSuccess(services, identity, target, plan, object);
  return { action, lever: plan.lever, description: plan.description, auditId };
}

async function send(
  services: Services,
  cluster: string,
  identity: string,
  request: ActionRequest,
): Promise<void> {
  if (request.type === "rollscopeGate") {
    await services.gates.record({
      namespace: request.namespace,
      name: request.name,
      checksum: request.checksum,
      decision: request.decision,
      scope: request.scope,
      by: identity,
      at: services.now().toISOString(),
    });
    return;
  }
  const entry = services.clusters.get(cluster);
  if (!entry) throw new Error(`cluster ${cluster} disappeared`);
  await entry.source.execute(request);
}

function afterSuccess(
  services: Services,
  identity: string,
  target: ActionInput["target"],
  plan: ActionPlan,
  object: Rollout | Canary,
): void {
  const entry = services.clusters.get(target.cluster);
  const delivery = entry?.index.get(target.kind, target.namespace, target.name);
  if (delivery)
    services.history.recordAction(
      delivery.ref,
      `${actionLabel(plan.action)} by ${identity}`,
      services.now().getTime(),
    );
  if (plan.afterRun?.length && target.kind === "Canary") {
    void services.followUps.add({
      cluster: target.cluster,
      namespace: target.namespace,
      name: target.name,
      lastAppliedSpec: (object as Canary).status?.lastAppliedSpec ?? "",
      requests: plan.afterRun,
      reason: `after ${actionLabel(plan.action)} by ${identity}`,
    });
  }
  void entry?.source
    .recordEvent({
      kind: target.kind,
      namespace: target.namespace,
      name: target.name,
      ...(object.metadata.uid ? { uid: object.metadata.uid } : {}),
      reason: "RollscopeAction",
      message: `${identity}: ${plan.description}`,
      type: "Normal",
    })
    .catch((error: unknown) =>
      services.log.warn({ err: error }, "could not record the action as a Kubernetes Event"),
    );
}

export function actionLabel(action: ActionName): string {
  return {
    promote: "Promote",
    promoteFull: "Promote full",
    abort: "Abort",
    retry: "Retry",
    restart: "Restart",
    setImage: "Set image",
    undo: "Roll back",
  }[action];
}
