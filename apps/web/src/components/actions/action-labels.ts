import type { ActionName } from "@rollscope/shared";

export const actionLabels: Record<ActionName, string> = {
  promote: "Promote",
  promoteFull: "Promote full",
  abort: "Abort",
  retry: "Retry",
  restart: "Restart",
  setImage: "Set image",
  undo: "Roll back",
};

/** Actions that undo progress or stop traffic get a danger-styled confirm button. */
export const dangerousActions: ReadonlySet<ActionName> = new Set(["abort", "undo"]);
