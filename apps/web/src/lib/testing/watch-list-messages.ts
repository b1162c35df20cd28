// watchList messages for the live-list tests: overview rows of real parsed Rollouts.
import { type DeliverySummary, rolloutDelivery, toSummary } from "@rollscope/shared";
import { canaryRollout } from "@rollscope/shared/testing/builders";
import type { WatchListMessage } from "../live-deliveries-fold";

export const summary = (name: string, message = "CanaryPauseStep"): DeliverySummary =>
  toSummary(
    rolloutDelivery({ cluster: "prod", rollout: canaryRollout({ metadata: { name }, status: { message } }) }),
  );

/** One page of a snapshot: `part` 0 starts it, `complete` ends it. */
export const page = (part: number, complete: boolean, ...names: string[]): WatchListMessage => ({
  type: "snapshot",
  part,
  complete,
  items: names.map((n) => summary(n)),
});
