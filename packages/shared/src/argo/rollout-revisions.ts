// The ReplicaSets of a Rollout as revisions, with the roles the plugin tags them with
// (stable/canary for canary, active/preview for blue-green), newest revision first.
import type { Revision, RevisionRole, RevisionStatus } from "../delivery/revision";
import { ownedBy, summarisePod } from "../kube/pod-summary";
import type { Rollout } from "../schemas/argo/rollout";
import type { Pod } from "../schemas/kube/pod";
import type { PodTemplate } from "../schemas/kube/pod-template";
import type { ReplicaSet } from "../schemas/kube/replica-set";

export const podTemplateHashLabel = "rollouts-pod-template-hash";
export const revisionAnnotation = "rollout.argoproj.io/revision";

export function parseRevision(annotations: Record<string, string> | null | undefined): number | undefined {
  const raw = annotations?.[revisionAnnotation];
  if (raw === undefined) return undefined;
  const n = Number.parseInt(raw, 10);
  return Number.isNaN(n) ? undefined : n;
}

export function templateImages(template: PodTemplate | null | undefined): string[] {
  return (template?.spec?.containers ?? []).map((c) => c.image ?? "").filter((i) => i !== "");
}

export function podTemplateHash(rs: ReplicaSet): string | undefined {
  return rs.metadata.labels?.[podTemplateHashLabel] ?? undefined;
}

/** Role tags in the plugin's order: stable, then canary|active|preview, then ping/pong. */
function rolesOf(rollout: Rollout, hash: string | undefined): RevisionRole[] {
  if (!hash) return [];
  const status = rollout.status;
  const canary = rollout.spec.strategy?.canary;
  const roles: RevisionRole[] = [];
  if (canary) {
    const pingPong = Boolean(canary.pingPong);
    const stableIsPing = status?.canary?.stablePingPong === "ping";
    if (status?.stableRS === hash) {
      roles.push("stable");
      if (pingPong) roles.push(stableIsPing ? "ping" : "pong");
    } else if (status?.currentPodHash === hash) {
      roles.push("canary");
      if (pingPong) roles.push(stableIsPing ? "pong" : "ping");
    }
  }
  if (rollout.spec.strategy?.blueGreen) {
    if (status?.stableRS === hash) roles.push("stable");
    if (status?.blueGreen?.activeSelector === hash) roles.push("active");
    else if (status?.blueGreen?.previewSelector === hash) roles.push("preview");
  }
  return roles;
}

/** ReplicaSet health as the plugin computes it (info.getReplicaSetHealth). */
export function replicaSetStatus(rs: ReplicaSet): RevisionStatus {
  const specReplicas = rs.spec?.replicas;
  const observed = rs.status?.observedGeneration ?? 0;
  if ((rs.metadata.generation ?? 0) > observed) return "Progressing";
  const failure = (rs.status?.conditions ?? []).some(
    (c) => c.type === "ReplicaFailure" && c.status === "True",
  );
  if (failure) return "ReplicaFailure";
  if (specReplicas != null && (rs.status?.availableReplicas ?? 0) < specReplicas) return "Progressing";
  if (specReplicas === 0) return "ScaledDown";
  return "Healthy";
}

export function replicaSetRevision(rs: ReplicaSet, pods: Pod[], roles: RevisionRole[]): Revision {
  const desired = rs.spec?.replicas ?? 0;
  const ready = rs.status?.readyReplicas ?? 0;
  const available = rs.status?.availableReplicas ?? 0;
  const podSummaries = ownedBy(pods, { kind: "ReplicaSet", name: rs.metadata.name, uid: rs.metadata.uid })
    .map(summarisePod)
    .sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? "") || a.name.localeCompare(b.name));
  const revision = parseRevision(rs.metadata.annotations);
  const hash = podTemplateHash(rs);
  const deadline = rs.metadata.annotations?.["scale-down-deadline"];
  const template = rs.metadata.annotations?.["experiment.argoproj.io/template-name"];
  return {
    name: rs.metadata.name,
    kind: "ReplicaSet",
    ...(revision !== undefined ? { revision } : {}),
    ...(hash ? { podTemplateHash: hash } : {}),
    roles,
    status: replicaSetStatus(rs),
    images: templateImages(rs.spec?.template),
    containers: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.name),
    replicas: { desired, current: rs.status?.replicas ?? 0, ready, available },
    pods: podSummaries,
    ...(rs.metadata.creationTimestamp ? { createdAt: rs.metadata.creationTimestamp } : {}),
    ...(deadline ? { scaleDownDeadline: deadline } : {}),
    ...(template ? { experimentTemplate: template } : {}),
  };
}

/** Revisions owned by the rollout, newest first (ties by name). */
export function rolloutRevisions(rollout: Rollout, replicaSets: ReplicaSet[], pods: Pod[]): Revision[] {
  const owned = ownedBy(replicaSets, {
    kind: "Rollout",
    name: rollout.metadata.name,
    uid: rollout.metadata.uid,
  });
  return owned
    .map((rs) => replicaSetRevision(rs, pods, rolesOf(rollout, podTemplateHash(rs))))
    .sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0) || a.name.localeCompare(b.name));
}
