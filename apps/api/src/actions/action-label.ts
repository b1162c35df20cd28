// How an action is named to people: history markers, Kubernetes Events, audit reasons and refusals.
import type { ActionName } from "@rollscope/shared";

const labels: Record<ActionName, string> = {
  promote: "Promote",
  promoteFull: "Promote full",
  abort: "Abort",
  retry: "Retry",
  restart: "Restart",
  setImage: "Set image",
  undo: "Roll back",
};

export function actionLabel(action: ActionName): string {
  return labels[action];
}
