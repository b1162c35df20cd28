// Builds the Delivery view of an Argo Rollout from the Rollout and the objects it owns.
import { rolloutActionAvailability } from "../actions/argo/availability";
import type { Delivery, UnifiedPhase } from "../delivery/delivery";
import { findGitOpsOwner } from "../delivery/gitops-owner";
import type { AnalysisRun } from "../schemas/argo/analysis-run";
import type { Experiment } from "../schemas/argo/experiment";
import type { Rollout } from "../schemas/argo/rollout";
import type { Deployment } from "../schemas/kube/deployment";
import type { Pod } from "../schemas/kube/pod";
import type { ReplicaSet } from "../schemas/kube/replica-set";
import { objectNotices } from "../schemas/parse";
import { rolloutAnalysisRuns } from "./analysis-runs";
import { currentCanaryStep, currentSetWeight, maxTrafficWeight, reportedStep } from "./canary-steps";
import { rolloutObservedState } from "./observed-state";
import { rolloutExperiments } from "./rollout-experiments";
import { rolloutImages } from "./rollout-images";
import { type KnownRolloutPhase, type RolloutPhase, rolloutPhase } from "./rollout-phase";
import { rolloutRevisions } from "./rollout-revisions";
import { rolloutStrategy } from "./rollout-strategy";
import { rolloutTimeline } from "./rollout-timeline";
import { actualWeight } from "./rollout-weights";
import { undecodableRolloutNotices } from "./undecodable-rollout";

export interface RolloutObjects {
  cluster: string;
  rollout: Rollout;
  replicaSets?: ReplicaSet[];
  pods?: Pod[];
  analysisRuns?: AnalysisRun[];
  experiments?: Experiment[];
  /** The Deployment spec.workloadRef names; null when it was looked up and does not exist. */
  workload?: Deployment | null;
}

const unified: Record<KnownRolloutPhase, UnifiedPhase> = {
  Healthy: "healthy",
  Progressing: "progressing",
  Paused: "paused",
  Degraded: "degraded",
};

/** A phase word the controller does not use (status.phase is shown as written) is "unknown". */
function unifiedPhase(phase: RolloutPhase): UnifiedPhase {
  return Object.hasOwn(unified, phase) ? unified[phase as KnownRolloutPhase] : "unknown";
}

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
  const pods = objects.pods ?? [];
  const analysisRuns = objects.analysisRuns ?? [];
  const { phase, message } = rolloutPhase(rollout);
  const revisions = rolloutRevisions(rollout, replicaSets, pods);
  const experiments = rolloutExperiments(rollout, objects.experiments ?? [], replicaSets, pods, analysisRuns);
  const step = reportedStep(rollout);
  const status = rollout.status;
  const strategy = rolloutStrategy(rollout);
  const meta = rollout.metadata;
  const owner = findGitOpsOwner(meta.labels, meta.annotations);
  const lastChangeAt = lastChange(rollout);
  const notices = [...objectNotices(rollout), ...undecodableRolloutNotices(rollout, objects.workload)];
  return {
    ref: { cluster, kind: "Rollout", namespace: meta.namespace ?? "default", name: meta.name },
    ...(meta.uid ? { uid: meta.uid } : {}),
    ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
    ...(meta.creationTimestamp ? { createdAt: meta.creationTimestamp } : {}),
    controller: "argo",
    ...(strategy ? { strategy } : {}),
    phase: unifiedPhase(phase),
    rawPhase: phase,
    message,
    waitingForPerson: waitingForPerson(rollout, phase),
    aborted: Boolean(status?.abort),
    ...(step ? { step } : {}),
    setWeight: strategy === "canary" ? currentSetWeight(rollout) : 0,
    actualWeight: actualWeight(rollout, revisions),
    maxWeight: maxTrafficWeight(rollout),
    timeline: rolloutTimeline(rollout, { analysisRuns, experiments: objects.experiments ?? [] }),
    revisions,
    analysisRuns: rolloutAnalysisRuns(rollout, analysisRuns, objects.experiments ?? []),
    ...(experiments.length > 0 ? { experiments } : {}),
    images: rolloutImages(rollout, replicaSets, experiments),
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
