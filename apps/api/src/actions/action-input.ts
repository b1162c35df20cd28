// What a person's action carries: the target, the state they saw, and the action's own arguments.
import { z } from "zod";

export const targetSchema = z.object({
  cluster: z.string().min(1, "cluster is required"),
  kind: z.enum(["Rollout", "Canary"]),
  namespace: z.string().min(1, "namespace is required"),
  name: z.string().min(1, "name is required"),
});
export type Target = z.infer<typeof targetSchema>;

/** The fields of the Delivery's `observed` block the person saw; each one sent is compared. */
export const observedSchema = z
  .object({
    stepIndex: z.number().int().nonnegative(),
    podHash: z.string(),
    stableHash: z.string(),
    aborted: z.boolean(),
    paused: z.boolean(),
    flaggerPhase: z.string(),
    canaryWeight: z.number(),
    iterations: z.number(),
    lastAppliedSpec: z.string(),
  })
  .partial();

export const actionInputSchema = z.object({ target: targetSchema, observed: observedSchema.optional() });

export const setImageInputSchema = actionInputSchema.extend({
  container: z.string().min(1, "container is required"),
  image: z.string().trim().min(1, "image is required").max(512, "image reference is too long"),
});

export const undoInputSchema = actionInputSchema.extend({
  /** 0 = the previous revision, as in `kubectl argo rollouts undo`. */
  revision: z.number().int().nonnegative(),
});

export type ActionInput = z.infer<typeof actionInputSchema>;
export type SetImageInput = z.infer<typeof setImageInputSchema>;
export type UndoInput = z.infer<typeof undoInputSchema>;
