// Restart: the controller recreates pods (oldest first) that started before spec.restartAt.
import type { Rollout } from "../../schemas/argo/rollout";
import type { PlanResult } from "../action-plan";
import { specPatch } from "./rollout-target";

/** RFC 3339 in UTC without fractional seconds, as the plugin formats it. */
export function rfc3339Seconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function planRestart(rollout: Rollout, now: Date): PlanResult {
  const restartAt = rfc3339Seconds(now);
  return {
    ok: true,
    plan: {
      action: "restart",
      lever: "spec patch",
      description: `Restart: set spec.restartAt = ${restartAt}; pods are recreated one at a time, respecting maxUnavailable.`,
      requests: [specPatch(rollout, { restartAt })],
    },
  };
}
