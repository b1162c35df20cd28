// The custom RBAC verb each action needs in "action verbs" mode, on the delivery's own resource:
// a team grants `promote` on rollouts.argoproj.io to people who may promote but not edit the Rollout.
import type { ActionName } from "../delivery/action-availability";

export const actionVerbs = {
  promote: "promote",
  promoteFull: "promote",
  abort: "abort",
  retry: "retry",
  restart: "restart",
  setImage: "setimage",
  undo: "undo",
} as const satisfies Record<ActionName, string>;

export type ActionVerb = (typeof actionVerbs)[ActionName];

/** The resource an action verb is checked on: the Rollout or the Canary itself. */
export function actionVerbResource(kind: "Rollout" | "Canary"): { group: string; resource: string } {
  return kind === "Rollout"
    ? { group: "argoproj.io", resource: "rollouts" }
    : { group: "flagger.app", resource: "canaries" };
}
