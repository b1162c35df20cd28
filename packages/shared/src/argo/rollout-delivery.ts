// Builds the Delivery view of an Argo Rollout from the Rollout and the objects it owns.
import { rolloutActionAvailability } from "../actions/argo/availability";
import type { Delivery, UnifiedPhase } from "../delivery/delivery";
import { findGitOpsOwner } from "../delivery/gitops-owner";
import type { AnalysisRun } from "../schemas/argo/analysis-run";
import type { Experiment } from "../schemas/argo/experiment";
import type { Rollout } from "../schemas/argo/rollout";
import type { Pod } from "../schemas/kube/pod";
import type { ReplicaSet } from "../schemas/kube/replica-set";
import { objectNotices } from "../schemas/parse";
import { rolloutAnalysisRuns } from "./analysis-runs";
import { currentCanaryStep, currentSetWeight, maxTrafficWeight, reportedStep } from "./canary-steps";
import { rolloutObservedState } from "./observed-state";
import { rolloutImages } from "./rollout-images";
import { type RolloutPhase, rolloutPhase } from "./rollout-phase";
import { rolloutRevisions } from "./rollout-revisions";
import { rolloutTimeline } from "./rollout-timeline";
import { actualWeight } from "./rollout-weights";

export interface RolloutObjects {
  cluster: string;
  rollout: Rollout;
  replicaSets?: ReplicaSet[];
  pods?: Pod[];
  analysisRuns?: AnalysisRun[];
  experiments?: Experiment[];
}

const unified: Record<RolloutPhase, UnifiedPhase> = {
  Healthy: "healthy",
  Progressing: "progressing",
  Paused: "paused",
  Degraded: "degraded",
};

/** Paused with no timer running: only a person (promote) moves it on. */
function waitingForPerson(rollout: Rollout, phase: RolloutPhase): boolean {
  if (phase !== "Paused") return false;
  if (rollout.spec.paused) return true;
  return (rollout.status?.pauseConditions ?? []).some((p) => {
    if (p.reason === "CanaryPauseStep") {
      const duration = currentCanaryStep(rollout)?.pause?.duration;
      return duration === undefined || duration === null;
    }
    if (p.reason === "BlueGreenPause") {
      const bg = rollout.spec.strategy?.blueGreen;
      return bg?.autoPromotionEnabled === false || bg?.autoPromotionSeconds == null;
    }
    return true; // InconclusiveAnalysisRun and anything newer wait for a person
  });
}

function lastChange(rollout: Rollout): string | undefined {
  const status = rollout.status;
  const times = [
    ...(status?.conditions ?? []).flatMap((c) => [c.lastTransitionTime, c.lastUpdateTime]),
    ...(status?.pauseConditions ?? []).map((p) => p.startTime),
    status?.abortedAt,
    status?.restartedAt,
    rollout.metadata.creationTimestamp,
  ].filter((t): t is string => typeof t === "string" && !Number.isNaN(Date.parse(t)));
  return times.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}

export function rolloutDelivery(objects: RolloutObjects): Delivery {
  const { cluster, rollout } = objects;
  const replicaSets = objects.replicaSets ?? [];
  const { phase, message } = rolloutPhase(rollout);
  const revisions = rolloutRevisions(rollout, replicaSets, objects.pods ?? []);
  const step = reportedStep(rollout);
  const status = rollout.status;
  const isCanary = Boolean(rollout.spec.strategy?.canary);
  const meta = rollout.metadata;
  const owner = findGitOpsOwner(meta.labels, meta.annotations);
  const lastChangeAt = lastChange(rollout);
  const notices = objectNotices(rollout);
  return {
    ref: { cluster, kind: "Rollout", namespace: meta.namespace ?? "default", name: meta.name },
    ...(meta.uid ? { uid: meta.uid } : {}),
    ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
    ...(meta.creationTimestamp ? { createdAt: meta.creationTimestamp } : {}),
    controller: "argo",
    strategy: rollout.spec.strategy?.blueGreen ? "blueGreen" : "canary",
    phase: unified[phase],
    rawPhase: phase,
    message,
    waitingForPerson: waitingForPerson(rollout, phase),
    aborted: Boolean(status?.abort),
    ...(step ? { step } : {}),
    setWeight: isCanary ? currentSetWeight(rollout) : 0,
    actualWeight: actualWeight(rollout, revisions),
    maxWeight: maxTrafficWeight(rollout),
    timeline: rolloutTimeline(rollout, {
      analysisRuns: objects.analysisRuns ?? [],
      experiments: objects.experiments ?? [],
    }),
    revisions,
    analysisRuns: rolloutAnalysisRuns(rollout, objects.analysisRuns ?? [], objects.experiments ?? []),
    images: rolloutImages(rollout, revisions, replicaSets, objects.experiments ?? []),
    replicas: {
      desired: rollout.spec.replicas ?? 1,
      current: status?.replicas ?? 0,
      updated: status?.updatedReplicas ?? 0,
      ready: status?.readyReplicas ?? 0,
      available: status?.availableReplicas ?? 0,
    },
    conditions: status?.conditions ?? [],
    ...(notices.length > 0 ? { notices: [...notices] } : {}),
    ...(owner ? { gitOpsOwner: owner } : {}),
    actions: rolloutActionAvailability(rollout, replicaSets),
    observed: rolloutObservedState(rollout),
    ...(lastChangeAt ? { lastChangeAt } : {}),
    labels: meta.labels ?? {},
  };
}
