import type { ActionName } from "@rollscope/shared";

export { actionLabels } from "@rollscope/shared";

/** Actions that undo progress or stop traffic get a danger-styled confirm button. */
export const dangerousActions: ReadonlySet<ActionName> = new Set(["abort", "undo"]);
