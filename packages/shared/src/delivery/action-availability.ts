// Whether each action can be offered now, and if not, why: shown on disabled buttons.
export const actionNames = [
  "promote",
  "promoteFull",
  "abort",
  "retry",
  "restart",
  "setImage",
  "undo",
] as const;
export type ActionName = (typeof actionNames)[number];

export interface ActionAvailability {
  action: ActionName;
  enabled: boolean;
  /** Why it is disabled, in words a person can act on. */
  reason?: string;
  /** The mechanism the action will use, e.g. "status patch" or "loadtester gate confirm-promotion". */
  lever?: string;
}

export function enabled(action: ActionName, lever?: string): ActionAvailability {
  return { action, enabled: true, ...(lever ? { lever } : {}) };
}

export function disabled(action: ActionName, reason: string): ActionAvailability {
  return { action, enabled: false, reason };
}
