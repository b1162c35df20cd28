// What a person's action carries: the target, the state they saw, and the action's own arguments.
// Every string is capped (kube-bounds), so nothing unbounded reaches the audit log or a cluster.
import { type ActionName, actionNames } from "@rollscope/shared";
import { boundedString, kubeBounds } from "@rollscope/shared/schemas/kube-bounds";
import { z } from "zod";

export const targetSchema = z.object({
  cluster: boundedString("cluster", kubeBounds.clusterName).min(1, "cluster is required"),
  kind: z.enum(["Rollout", "Canary"]),
  namespace: boundedString("namespace", kubeBounds.namespace).min(1, "namespace is required"),
  name: boundedString("name", kubeBounds.objectName).min(1, "name is required"),
});
export type Target = z.infer<typeof targetSchema>;

const partOfObserved = (field: string) => ({
  error: (issue: { input: unknown }) =>
    issue.input === undefined
      ? `observed.${field} is missing: send the Delivery's whole observed block from deliveries.get, not a part of it.`
      : `observed.${field} must be true or false.`,
});

const observedShape = {
  stepIndex: z.number().int().nonnegative().optional(),
  podHash: boundedString("observed.podHash", kubeBounds.labelValue).optional(),
  stableHash: boundedString("observed.stableHash", kubeBounds.labelValue).optional(),
  aborted: z.boolean(partOfObserved("aborted")),
  paused: z.boolean(partOfObserved("paused")),
  flaggerPhase: boundedString("observed.flaggerPhase", kubeBounds.statusValue).optional(),
  // As status reports them: Flagger's iterations can be negative at its gates.
  canaryWeight: z.number().optional(),
  iterations: z.number().optional(),
  lastAppliedSpec: boundedString("observed.lastAppliedSpec", kubeBounds.statusValue).optional(),
};
/**
 * The Delivery's `observed` block as the person saw it; each field sent is compared with the current
 * state. `aborted` and `paused` are in every Delivery's block, so requiring them tells a client that
 * sends `{}` (which would compare nothing) to send the real thing. Unknown keys are dropped.
 */
export const observedSchema = z.object(observedShape);
export type Observed = z.infer<typeof observedSchema>;

/**
 * Actions whose plan depends on the state the person saw, so `observed` is required (read from the
 * plan builders in packages/shared/src/actions):
 * - promote: which pause to clear or which step to skip follows the current step and pause; Flagger:
 *   the gate the canary waits at and the run's checksum, or skipAnalysis, chosen by the phase.
 * - promoteFull: unpausing and status.promoteFull depend on paused and canary ≠ stable; refused once aborted.
 * - abort: refused when already aborted or settled; Flagger: rollback gate or failedChecks, by the phase.
 * - retry: only on an aborted/degraded rollout or a Failed canary; the release retried is the one seen.
 * - undo: revision 0 means "the one before the current", and the revisions offered follow the one seen.
 * Not required (compared when sent, and the web always sends it):
 * - restart: sets spec.restartAt to now whatever the state.
 * - setImage: states the wanted image outright, and is refused when that image already runs.
 */
export const stateDependentActions = [
  "promote",
  "promoteFull",
  "abort",
  "retry",
  "undo",
] as const satisfies readonly ActionName[];
export type StateDependentAction = (typeof stateDependentActions)[number];

export function isStateDependent(action: ActionName): action is StateDependentAction {
  return (stateDependentActions as readonly ActionName[]).includes(action);
}

function requiredObserved(action: StateDependentAction) {
  return z.object(observedShape, {
    error: (issue) =>
      issue.input === undefined
        ? `observed is required for ${action}: send the state you saw (the Delivery's observed block from deliveries.get), so the action is refused rather than applied if the delivery has moved on since.`
        : "observed must be the Delivery's observed block from deliveries.get.",
  });
}

export function stateDependentInputSchema(action: StateDependentAction) {
  return z.object({ target: targetSchema, observed: requiredObserved(action) });
}

export const stateIndependentInputSchema = z.object({
  target: targetSchema,
  observed: observedSchema.optional(),
});

const containerSchema = boundedString("container", kubeBounds.containerName).min(1, "container is required");
const imageSchema = boundedString("image", kubeBounds.image).trim().min(1, "image is required");
/** 0 = the previous revision, as in `kubectl argo rollouts undo`. */
const revisionSchema = z.number().int().nonnegative();

export const setImageInputSchema = stateIndependentInputSchema.extend({
  container: containerSchema,
  image: imageSchema,
});

export const undoInputSchema = stateDependentInputSchema("undo").extend({ revision: revisionSchema });

/**
 * A preview changes nothing, so the state seen is optional there (compared when sent); its arguments
 * may still be empty while the person fills in the dialog.
 */
export const previewInputSchema = stateIndependentInputSchema.extend({
  action: z.enum(actionNames),
  container: boundedString("container", kubeBounds.containerName).optional(),
  image: boundedString("image", kubeBounds.image).optional(),
  revision: revisionSchema.optional(),
});

export type ActionInput = z.infer<typeof stateIndependentInputSchema>;
export type SetImageInput = z.infer<typeof setImageInputSchema>;
export type UndoInput = z.infer<typeof undoInputSchema>;

/** Only the known, bounded fields of what the client sent, for the audit: never the raw input. */
export function observedForAudit(observed: unknown): Observed | undefined {
  const parsed = observedSchema.safeParse(observed);
  return parsed.success ? parsed.data : undefined;
}
