// Builds the Delivery view of a Flagger Canary from the Canary and its target/primary Deployments.
import { canaryActionAvailability } from "../actions/flagger/availability";
import { templateImages } from "../argo/rollout-revisions";
import type { Delivery } from "../delivery/delivery";
import { findGitOpsOwner } from "../delivery/gitops-owner";
import type { Revision } from "../delivery/revision";
import { imagesOfRevisions } from "../delivery/tagged-images";
import { ownedBy, summarisePod } from "../kube/pod-summary";
import type { Canary } from "../schemas/flagger/canary";
import type { Deployment } from "../schemas/kube/deployment";
import type { Pod } from "../schemas/kube/pod";
import type { ReplicaSet } from "../schemas/kube/replica-set";
import { analysisMaxWeight, canaryAnalysis, canaryStrategy, weightSchedule } from "./canary-analysis";
import { canaryAnalysisRun } from "./canary-analysis-run";
import { flaggerMessage, flaggerPhase, unifiedFlaggerPhase } from "./canary-phase";
import { canaryTimeline } from "./canary-timeline";
import { canaryObservedState } from "./observed-state";

export interface CanaryObjects {
  cluster: string;
  canary: Canary;
  /** Deployments of the canary's namespace (target and `<target>-primary` are picked out). */
  deployments?: Deployment[];
  replicaSets?: ReplicaSet[];
  pods?: Pod[];
  /** Canary weight the mesh really routes (e.g. from the VirtualService), when known. */
  routedWeight?: number;
}

function deploymentRevision(
  deployment: Deployment,
  role: "canary" | "primary",
  replicaSets: ReplicaSet[],
  pods: Pod[],
): Revision {
  const desired = deployment.spec?.replicas ?? 1;
  const ready = deployment.status?.readyReplicas ?? 0;
  const available = deployment.status?.availableReplicas ?? 0;
  const sets = ownedBy(replicaSets, {
    kind: "Deployment",
    name: deployment.metadata.name,
    uid: deployment.metadata.uid,
  });
  const podSummaries = sets
    .flatMap((rs) => ownedBy(pods, { kind: "ReplicaSet", name: rs.metadata.name, uid: rs.metadata.uid }))
    .map(summarisePod)
    .sort((a, b) => a.name.localeCompare(b.name));
  const failing = podSummaries.some((p) => /BackOff|Err|Invalid|Failed/.test(p.status));
  return {
    name: deployment.metadata.name,
    kind: "Deployment",
    roles: [role],
    status:
      desired === 0
        ? "ScaledDown"
        : failing
          ? "Degraded"
          : ready >= desired && available >= desired
            ? "Healthy"
            : "Progressing",
    images: templateImages(deployment.spec?.template),
    containers: (deployment.spec?.template?.spec?.containers ?? []).map((c) => c.name),
    replicas: { desired, current: deployment.status?.replicas ?? 0, ready, available },
    pods: podSummaries,
    ...(deployment.metadata.creationTimestamp ? { createdAt: deployment.metadata.creationTimestamp } : {}),
  };
}

export function canaryDelivery(objects: CanaryObjects): Delivery {
  const { cluster, canary } = objects;
  const meta = canary.metadata;
  const namespace = meta.namespace ?? "default";
  const deployments = (objects.deployments ?? []).filter(
    (d) => (d.metadata.namespace ?? namespace) === namespace,
  );
  const target = deployments.find((d) => d.metadata.name === canary.spec.targetRef.name);
  const primary = deployments.find((d) => d.metadata.name === `${canary.spec.targetRef.name}-primary`);
  const replicaSets = objects.replicaSets ?? [];
  const pods = objects.pods ?? [];
  const revisions = [
    ...(target ? [deploymentRevision(target, "canary", replicaSets, pods)] : []),
    ...(primary ? [deploymentRevision(primary, "primary", replicaSets, pods)] : []),
  ];
  const phase = flaggerPhase(canary);
  const strategy = canaryStrategy(canary);
  const status = canary.status;
  // At the confirm-promotion gate Flagger zeroes status.canaryWeight while the mesh keeps the max weight.
  const weight =
    phase === "WaitingPromotion" && strategy === "canary"
      ? analysisMaxWeight(canary)
      : (status?.canaryWeight ?? 0);
  const schedule = weightSchedule(canary);
  const stepIndex = schedule.filter((w) => w <= weight).length;
  const iterationsOf = canaryAnalysis(canary).iterations ?? 0;
  // GitOps usually owns the target Deployment as well as the Canary; either tells.
  const owner =
    findGitOpsOwner(meta.labels, meta.annotations) ??
    (target ? findGitOpsOwner(target.metadata.labels, target.metadata.annotations) : undefined);
  const lastChangeAt = status?.lastTransitionTime ?? meta.creationTimestamp ?? undefined;
  return {
    ref: { cluster, kind: "Canary", namespace, name: meta.name },
    ...(meta.uid ? { uid: meta.uid } : {}),
    ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
    ...(meta.creationTimestamp ? { createdAt: meta.creationTimestamp } : {}),
    controller: "flagger",
    strategy,
    phase: unifiedFlaggerPhase(canary),
    rawPhase: phase,
    message: flaggerMessage(canary),
    waitingForPerson: phase === "WaitingPromotion" || phase === "Waiting",
    aborted: phase === "Failed",
    ...(strategy === "canary" && schedule.length > 0
      ? { step: { index: stepIndex, total: schedule.length } }
      : {}),
    ...(strategy !== "canary"
      ? { iteration: { n: Math.max(0, status?.iterations ?? 0), of: iterationsOf } }
      : {}),
    setWeight: weight,
    actualWeight: objects.routedWeight ?? weight,
    maxWeight: strategy === "canary" ? analysisMaxWeight(canary) : 100,
    timeline: canaryTimeline(canary),
    revisions,
    analysisRuns: [canaryAnalysisRun(canary)].filter((r) => r !== undefined),
    images: imagesOfRevisions(revisions),
    replicas: {
      desired: target?.spec?.replicas ?? primary?.spec?.replicas ?? 0,
      current: (target?.status?.replicas ?? 0) + (primary?.status?.replicas ?? 0),
      updated: target?.status?.updatedReplicas ?? 0,
      ready: (target?.status?.readyReplicas ?? 0) + (primary?.status?.readyReplicas ?? 0),
      available: (target?.status?.availableReplicas ?? 0) + (primary?.status?.availableReplicas ?? 0),
    },
    conditions: status?.conditions ?? [],
    ...(owner ? { gitOpsOwner: owner } : {}),
    actions: canaryActionAvailability(canary),
    observed: canaryObservedState(canary),
    ...(lastChangeAt ? { lastChangeAt } : {}),
    labels: meta.labels ?? {},
  };
}
