// Carries out a person's action: finds the object, refuses stale clicks, duplicates and disallowed
// states, checks RBAC, writes the audit log (before and after), sends the plan's requests, saves its
// follow-ups (restore skipAnalysis, close a loadtester gate), and records a history marker and a
// Kubernetes Event.
import {
  type ActionName,
  type ActionPlan,
  type ActionRequest,
  actionLabel,
  type Canary,
  checkPrecondition,
  type ObservedState,
  type Rollout,
} from "@rollscope/shared";
import type { ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import type { Actor } from "@rollscope/shared/identity/actor";
import { TRPCError } from "@trpc/server";
import { actingPerson } from "../identity/acting-person";
import { type AuthorizeAnswer, authorize } from "../identity/authorize";
import type { Services } from "../runtime/services";
import { accessFor } from "./access";
import { fromClusterError, refused } from "./action-errors";
import { actedOnReason, actionGuards, currentState, inFlightReason, targetKey } from "./action-guards";
import { type ActionInput, isStateDependent, observedForAudit, type Target } from "./action-input";
import { type ActionArguments, planCanaryAction, planRolloutAction } from "./plan-action";
import { saveFollowUp } from "./save-follow-up";

export interface ActionOutcome {
  action: ActionName;
  lever: string;
  description: string;
  auditId: string;
  /**
   * What the person must know although the action was applied, e.g. a follow-up that could not be
   * saved. Also written to the audit entry, which the delivery's activity timeline shows.
   */
  warnings: string[];
}

type RefusalCode = "BAD_REQUEST" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "PRECONDITION_FAILED";

/** Who acted on what: the fields every audit entry of one action shares. */
interface AuditBase {
  identity: string;
  cluster: string;
  object: Omit<Target, "cluster">;
  action: ActionName;
}

export type Prepared =
  | { ok: true; plan: ActionPlan; object: Rollout | Canary; current: ObservedState }
  | { ok: false; code: Exclude<RefusalCode, "BAD_REQUEST">; reason: string };

/** Everything up to the point of sending: lookups, read-only, stale checks and the plan. Synchronous. */
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
  const current = currentState(source.store, target);
  if (!object || !current) {
    const where = `${target.kind} ${target.namespace}/${target.name}`;
    return { ok: false, code: "NOT_FOUND", reason: `${where} was not found in cluster ${target.cluster}.` };
  }
  const precondition = checkPrecondition(input.observed, current);
  if (!precondition.ok) return { ok: false, code: "CONFLICT", reason: precondition.reason };
  if (input.observed) {
    const { consumed } = actionGuards(services);
    const earlier = consumed.actedOn(targetKey(target), input.observed, services.now());
    if (earlier)
      return { ok: false, code: "CONFLICT", reason: actedOnReason(target, earlier, consumed.ttlMs) };
  }
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
  actor: Actor,
  action: ActionName,
  input: ActionInput,
  args: ActionArguments = {},
): Promise<ActionOutcome> {
  const target = pickTarget(input.target);
  const person = await actingPerson(services.clusters.get(target.cluster)?.source, actor);
  const { identity } = person;
  const auditBase: AuditBase = {
    identity,
    cluster: target.cluster,
    object: { kind: target.kind, namespace: target.namespace, name: target.name },
    action,
  };
  // Only the validated, bounded fields of the input reach the audit, never the raw object.
  const seen = observedForAudit(input.observed);
  const refuse = async (code: RefusalCode, message: string) => {
    services.metrics.actions.inc({ action, result: "refused" });
    await services.audit.append({
      ...auditBase,
      id: services.audit.newId(),
      requests: [],
      observed: seen,
      result: "refused",
      error: message,
    });
    return refused(code, message);
  };

  if (input.observed !== undefined && !seen)
    throw await refuse("BAD_REQUEST", "observed must be the Delivery's observed block from deliveries.get.");
  // Prepare and claim in the same synchronous step, so no other action on this object slips between.
  const prepared = prepareAction(services, action, { target, ...(seen ? { observed: seen } : {}) }, args);
  if (!prepared.ok) throw await refuse(prepared.code, prepared.reason);
  const { inFlight } = actionGuards(services);
  const running = { action, args: JSON.stringify(args), identity, startedAt: services.now() };
  const claim = inFlight.claim(targetKey(target), running);
  if (!claim.ok) throw await refuse("CONFLICT", inFlightReason(target, claim.holder, running));
  try {
    const source = services.clusters.get(target.cluster)?.source;
    if (!source) throw await refuse("NOT_FOUND", `Unknown cluster "${target.cluster}".`);
    let answer: AuthorizeAnswer;
    try {
      answer = await authorize(
        source,
        person.actor,
        services.config.authorizeActions,
        {
          action,
          kind: target.kind,
          namespace: target.namespace,
          checks: prepared.plan.requests.flatMap((r) => accessFor(r) ?? []),
        },
        person.actor.via === "kubeconfig" ? person.actor.name : undefined,
      );
    } catch (error) {
      throw await refuse("FORBIDDEN", `Cannot check permissions now: ${fromClusterError(error).message}`);
    }
    if (!answer.allowed) throw await refuse("FORBIDDEN", answer.reason);
    return await carryOut(services, identity, answer.sendAs, target, source, prepared, auditBase);
  } finally {
    claim.release();
  }
}

async function carryOut(
  services: Services,
  identity: string,
  sendAs: Actor | undefined,
  target: Target,
  source: ClusterSource,
  prepared: Extract<Prepared, { ok: true }>,
  auditBase: AuditBase,
): Promise<ActionOutcome> {
  const { plan, object, current } = prepared;
  const auditId = services.audit.newId();
  const entry = {
    ...auditBase,
    id: auditId,
    lever: plan.lever,
    description: plan.description,
    requests: plan.requests,
    observed: current,
  };
  await services.audit.append({ ...entry, result: "started" });
  try {
    for (const request of plan.requests) await send(services, target.cluster, identity, sendAs, request);
  } catch (error) {
    const failure = fromClusterError(error);
    services.metrics.actions.inc({ action: plan.action, result: "failed" });
    try {
      await services.audit.append({ ...entry, result: "failed", error: failure.message });
    } catch (auditError) {
      services.log.error({ err: auditError, auditId }, "could not write a failed action to the audit log");
    }
    throw failure;
  }
  rememberConsumedState(services, identity, target, source, plan.action, current);

  const warnings: string[] = [];
  if (target.kind === "Canary") {
    const warning = await saveFollowUp(services, identity, target, plan, object as Canary);
    if (warning) warnings.push(warning);
  }
  try {
    await services.audit.append({
      ...entry,
      result: "succeeded",
      ...(warnings.length > 0 ? { error: warnings.join(" ") } : {}),
    });
  } catch (error) {
    services.log.error({ err: error, auditId }, "an applied action could not be written to the audit log");
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: `${actionLabel(plan.action)} was applied, but Rollscope could not record it in the audit log (${(error as Error).message}). Check the delivery before acting again.`,
      cause: error,
    });
  }
  services.metrics.actions.inc({ action: plan.action, result: "succeeded" });
  recordMarkers(services, identity, target, source, plan, object);
  return { action: plan.action, lever: plan.lever, description: plan.description, auditId, warnings };
}

/** A fresh object with exactly the target's fields, whatever else the caller's object carried. */
function pickTarget(target: Target): Target {
  return { cluster: target.cluster, kind: target.kind, namespace: target.namespace, name: target.name };
}

/**
 * A state-dependent action consumed the state it was planned from: until the cache shows the object
 * moved on, a second click carrying that state must not be applied again. Not needed when the cache
 * already shows the change (the ordinary stale check refuses old clicks then).
 */
function rememberConsumedState(
  services: Services,
  identity: string,
  target: Target,
  source: ClusterSource,
  action: ActionName,
  consumedState: ObservedState,
): void {
  if (!isStateDependent(action)) return;
  const now = currentState(source.store, target);
  if (now && !checkPrecondition(consumedState, now).ok) return;
  actionGuards(services).consumed.remember(targetKey(target), {
    action,
    identity,
    at: services.now(),
    state: consumedState,
  });
}

async function send(
  services: Services,
  cluster: string,
  identity: string,
  sendAs: Actor | undefined,
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
  await entry.source.execute(request, sendAs);
}

/** The history marker and the Kubernetes Event: nice to have, so they never fail an applied action. */
function recordMarkers(
  services: Services,
  identity: string,
  target: Target,
  source: ClusterSource,
  plan: ActionPlan,
  object: Rollout | Canary,
): void {
  try {
    const delivery = services.clusters
      .get(target.cluster)
      ?.index.get(target.kind, target.namespace, target.name);
    if (delivery)
      services.history
        .recordAction(delivery, `${actionLabel(plan.action)} by ${identity}`, services.now().getTime())
        .catch((error: unknown) =>
          services.log.warn({ err: error }, "could not record the action in the weight history"),
        );
  } catch (error) {
    services.log.warn({ err: error }, "could not record the action in the weight history");
  }
  void recordEvent(services, source, {
    kind: target.kind,
    namespace: target.namespace,
    name: target.name,
    ...(object.metadata.uid ? { uid: object.metadata.uid } : {}),
    reason: "RollscopeAction",
    message: `${identity}: ${plan.description}`,
    type: "Normal",
  });
}

/** Never rejects: the try catches a synchronous throw and a rejection alike, so `void` is safe. */
async function recordEvent(
  services: Services,
  source: ClusterSource,
  event: Parameters<ClusterSource["recordEvent"]>[0],
): Promise<void> {
  try {
    await source.recordEvent(event);
  } catch (error) {
    services.log.warn({ err: error }, "could not record the action as a Kubernetes Event");
  }
}
