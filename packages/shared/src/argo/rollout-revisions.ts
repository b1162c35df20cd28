// The ReplicaSets of a Rollout (or of one of its Experiments) as revisions, the way the plugin lists
// them (info.GetReplicaSetInfo): with its revision, health, tags and pods, newest revision first.
import type { PodSummary, Revision, RevisionRole, RevisionStatus } from "../delivery/revision";
import { ownedBy, summarisePod } from "../kube/pod-summary";
import type { Rollout } from "../schemas/argo/rollout";
import type { Pod } from "../schemas/kube/pod";
import type { PodTemplate } from "../schemas/kube/pod-template";
import type { ReplicaSet } from "../schemas/kube/replica-set";
import { goAtoi } from "./go-atoi";
import { compareGoStrings, compareGoTimes } from "./go-order";
import { printedTags, replicaSetFlags } from "./replicaset-tags";

export const podTemplateHashLabel = "rollouts-pod-template-hash";
export const revisionAnnotation = "rollout.argoproj.io/revision";
export const experimentTemplateAnnotation = "experiment.argoproj.io/template-name";
export const scaleDownDeadlineAnnotation = "scale-down-deadline";

/**
 * The revision annotation as the plugin's `strconv.Atoi` reads it: the whole text must be a decimal
 * number (`12abc` and ` 12` are not). Undefined when missing or unreadable; the plugin shows 0 then.
 */
export function parseRevision(annotations: Record<string, string> | null | undefined): number | undefined {
  const raw = annotations?.[revisionAnnotation];
  if (raw === undefined) return undefined;
  const value = goAtoi(raw);
  return value === undefined ? undefined : Number(value);
}

/** Non-empty images of a pod template's containers (Flagger's Deployments). */
export function templateImages(template: PodTemplate | null | undefined): string[] {
  return (template?.spec?.containers ?? []).map((c) => c.image ?? "").filter((i) => i !== "");
}

/** A ReplicaSet's images as the plugin lists them: one per container, "" where a container names none. */
export function replicaSetImages(rs: ReplicaSet): string[] {
  return (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? "");
}

export function podTemplateHash(rs: ReplicaSet): string | undefined {
  return rs.metadata.labels?.[podTemplateHashLabel] ?? undefined;
}

/**
 * ReplicaSet health as the plugin computes it (info.getReplicaSetHealth): only the first
 * ReplicaFailure condition is read.
 */
export function replicaSetStatus(rs: ReplicaSet): RevisionStatus {
  const specReplicas = rs.spec?.replicas;
  const observed = rs.status?.observedGeneration ?? 0;
  if ((rs.metadata.generation ?? 0) > observed) return "Progressing";
  const failure = (rs.status?.conditions ?? []).find((c) => c.type === "ReplicaFailure");
  if (failure?.status === "True") return "ReplicaFailure";
  if (specReplicas != null && (rs.status?.availableReplicas ?? 0) < specReplicas) return "Progressing";
  if (specReplicas === 0) return "ScaledDown";
  return "Healthy";
}

/** The plugin's pod order within a ReplicaSet: oldest first, then by name. */
function byCreationThenName(a: PodSummary, b: PodSummary): number {
  return compareGoTimes(a.createdAt, b.createdAt) || compareGoStrings(a.name, b.name);
}

export function replicaSetRevision(rs: ReplicaSet, pods: Pod[], roles: RevisionRole[]): Revision {
  const desired = rs.spec?.replicas ?? 0;
  const ready = rs.status?.readyReplicas ?? 0;
  const available = rs.status?.availableReplicas ?? 0;
  const podSummaries = ownedBy(pods, { kind: "ReplicaSet", name: rs.metadata.name, uid: rs.metadata.uid })
    .map(summarisePod)
    .sort(byCreationThenName);
  const revision = parseRevision(rs.metadata.annotations);
  const hash = podTemplateHash(rs);
  const deadline = rs.metadata.annotations?.[scaleDownDeadlineAnnotation];
  const template = rs.metadata.annotations?.[experimentTemplateAnnotation];
  return {
    name: rs.metadata.name,
    kind: "ReplicaSet",
    ...(revision !== undefined ? { revision } : {}),
    ...(hash ? { podTemplateHash: hash } : {}),
    roles,
    status: replicaSetStatus(rs),
    images: replicaSetImages(rs),
    containers: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.name),
    replicas: { desired, current: rs.status?.replicas ?? 0, ready, available },
    pods: podSummaries,
    ...(rs.metadata.creationTimestamp ? { createdAt: rs.metadata.creationTimestamp } : {}),
    ...(deadline ? { scaleDownDeadline: deadline } : {}),
    ...(template ? { experimentTemplate: template } : {}),
  };
}

/**
 * The plugin's ReplicaSet order: highest revision first (0 when unreadable), then by name. Its sort
 * also compares creation times but drops the result, so age never decides.
 */
export function byRevisionThenName(a: Revision, b: Revision): number {
  return (b.revision ?? 0) - (a.revision ?? 0) || compareGoStrings(a.name, b.name);
}

/** ReplicaSets owned by the Rollout, each with the tags `get rollout` prints for it. */
export function rolloutRevisions(rollout: Rollout, replicaSets: ReplicaSet[], pods: Pod[]): Revision[] {
  const owned = ownedBy(replicaSets, {
    kind: "Rollout",
    name: rollout.metadata.name,
    uid: rollout.metadata.uid,
  });
  return owned
    .map((rs) =>
      replicaSetRevision(rs, pods, printedTags(replicaSetFlags(rollout, podTemplateHash(rs) ?? ""))),
    )
    .sort(byRevisionThenName);
}
