// Picks the shared plan builder for an action on a Rollout or a Canary.
import {
  type ActionName,
  type Canary,
  canaryChecksum,
  type PlanResult,
  planAbort,
  planCanaryAbort,
  planCanaryPromote,
  planCanaryRetry,
  planCanarySetImage,
  planPromote,
  planPromoteFull,
  planRestart,
  planRetry,
  planRolloutSetImage,
  planUndo,
  type Rollout,
} from "@rollscope/shared";
import type { ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import type { DeliveryIndex } from "../deliveries/delivery-index";

export interface ActionArguments {
  container?: string;
  image?: string;
  revision?: number;
}

export function planRolloutAction(
  action: ActionName,
  rollout: Rollout,
  index: DeliveryIndex,
  args: ActionArguments,
  now: Date,
): PlanResult {
  switch (action) {
    case "promote":
      return planPromote(rollout);
    case "promoteFull":
      return planPromoteFull(rollout);
    case "abort":
      return planAbort(rollout);
    case "retry":
      return planRetry(rollout);
    case "restart":
      return planRestart(rollout, now);
    case "setImage": {
      const { workload } = index.rolloutObjects(rollout);
      return planRolloutSetImage(
        rollout,
        { container: args.container ?? "", image: args.image ?? "" },
        workload ?? undefined,
      );
    }
    case "undo":
      return planUndo(rollout, index.rolloutObjects(rollout).replicaSets, args.revision ?? 0);
  }
}

export function planCanaryAction(
  action: ActionName,
  canary: Canary,
  source: ClusterSource,
  args: ActionArguments,
  now: Date,
): PlanResult {
  const checksum = canaryChecksum(canary);
  switch (action) {
    case "promote":
      return planCanaryPromote(canary, checksum);
    case "abort":
      return planCanaryAbort(canary, checksum);
    case "retry":
      return planCanaryRetry(canary, now);
    case "setImage": {
      const target = source.store.get(
        "Deployment",
        canary.metadata.namespace ?? "",
        canary.spec.targetRef.name,
      );
      return planCanarySetImage(canary, { container: args.container ?? "", image: args.image ?? "" }, target);
    }
    case "promoteFull":
      return { ok: false, reason: "Flagger has no promote-full: promote skips the remaining analysis." };
    case "restart":
      return { ok: false, reason: "Flagger has no restart: restart the target Deployment instead." };
    case "undo":
      return { ok: false, reason: "Flagger has no undo: set the previous image instead." };
  }
}
