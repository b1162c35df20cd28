// How an action is named to people, everywhere: buttons and dialogs, history markers, Kubernetes
// Events, audit reasons and refusals.
import type { ActionName } from "../delivery/action-availability";

export const actionLabels: Record<ActionName, string> = {
  promote: "Promote",
  promoteFull: "Promote full",
  abort: "Abort",
  retry: "Retry",
  restart: "Restart",
  setImage: "Set image",
  undo: "Roll back",
};

export function actionLabel(action: ActionName): string {
  return actionLabels[action];
}
