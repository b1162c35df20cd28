// Which strategy a Rollout runs, as the plugin decides it (info.NewRolloutInfo): canary when the spec
// names one, even beside a blueGreen (the controller then reports the spec invalid), else blue-green,
// else none (the plugin prints an empty Strategy).
import type { Rollout } from "../schemas/argo/rollout";

export type RolloutStrategy = "canary" | "blueGreen";

export function rolloutStrategy(rollout: Rollout): RolloutStrategy | undefined {
  const strategy = rollout.spec.strategy;
  if (strategy?.canary) return "canary";
  if (strategy?.blueGreen) return "blueGreen";
  return undefined;
}
