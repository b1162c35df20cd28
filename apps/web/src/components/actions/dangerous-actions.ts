import type { ActionName } from "@rollscope/shared";

/** Actions that undo progress or stop traffic get a danger-styled button and confirm button. */
export const dangerousActions: ReadonlySet<ActionName> = new Set(["abort", "undo"]);
