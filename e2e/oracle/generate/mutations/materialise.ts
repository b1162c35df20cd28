import { undecodableQuantities } from "@rollscope/shared/kube/quantity";
import { clone, type KubeObject } from "../kube-object";
import {
  canary,
  hashLabel,
  type MutationContext,
  ownedBy,
  ownerRef,
  revisionAnnotation,
  rolloutOf,
  runningPod,
  uid,
} from "./context";

/**
 * A spec-only Rollout (an upstream example) as the controller leaves it once it has run: a stable
 * ReplicaSet and, half the time, an updated one in progress, each with running pods, and the status
 * that goes with them. Mutations then have ReplicaSets, pods and counters to work on.
 */
export function materialise(c: MutationContext): string | undefined {
  const ro = rolloutOf(c);
  if (!ro?.spec?.template || ownedBy(c, "ReplicaSet", ro).length > 0) return undefined;
  // The controller cannot decode such a Rollout (and an API server refuses pods with such a quantity).
  if (undecodableQuantities(ro.spec.template, "spec.template").length > 0) return undefined;
  const desired = (ro.spec.replicas as number | undefined) ?? 1;
  const stableHash = c.random.hash();
  const updating = c.random.chance(0.5);
  const currentHash = updating ? c.random.hash() : stableHash;
  const revisions = updating ? [stableHash, currentHash] : [stableHash];
  for (const [i, hash] of revisions.entries()) {
    const template = clone(ro.spec.template);
    if (i > 0) {
      for (const k of (template.spec?.containers as Array<{ image?: string }> | undefined) ?? [])
        k.image = `${(k.image ?? "app").split(":")[0]}:next`;
    }
    const replicas = i === 0 ? desired : Math.min(desired, c.random.int(1, Math.max(1, desired)));
    const rs: KubeObject = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${ro.metadata.name}-${hash}`,
        namespace: ro.metadata.namespace,
        uid: uid(c.random),
        generation: 1,
        creationTimestamp: c.random.time(),
        labels: { ...(template.metadata?.labels ?? {}), [hashLabel]: hash },
        annotations: { [revisionAnnotation]: String(i + 1) },
        ownerReferences: [ownerRef(ro)],
      },
      spec: {
        replicas,
        selector: { matchLabels: { ...(ro.spec.selector?.matchLabels ?? {}), [hashLabel]: hash } },
        template: {
          ...template,
          metadata: {
            ...(template.metadata ?? {}),
            labels: { ...(template.metadata?.labels ?? {}), [hashLabel]: hash },
          },
        },
      },
      status: {
        replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        fullyLabeledReplicas: replicas,
        observedGeneration: 1,
      },
    };
    c.objects.push(rs);
    for (let p = 0; p < replicas; p++) c.objects.push(runningPod(c, rs, rs.spec.template, hash));
  }
  const generation = (ro.metadata.generation as number | undefined) ?? c.random.int(1, 5);
  ro.metadata.generation = generation;
  const t = c.random.time();
  const steps = canary(ro)?.steps;
  ro.status = {
    observedGeneration: String(generation),
    currentPodHash: currentHash,
    stableRS: stableHash,
    replicas: desired + (updating ? 1 : 0),
    updatedReplicas: updating ? 1 : desired,
    readyReplicas: desired,
    availableReplicas: desired,
    ...(Array.isArray(steps)
      ? { currentStepIndex: updating ? c.random.int(0, steps.length) : steps.length }
      : {}),
    selector: Object.entries(ro.spec.selector?.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(","),
    conditions: [
      {
        type: "Available",
        status: "True",
        reason: "AvailableReason",
        message: "Rollout has minimum availability",
        lastTransitionTime: t,
        lastUpdateTime: t,
      },
      {
        type: "Progressing",
        status: "True",
        reason: updating ? "ReplicaSetUpdated" : "NewReplicaSetAvailable",
        message: updating
          ? `ReplicaSet "${ro.metadata.name}-${currentHash}" is progressing.`
          : `ReplicaSet "${ro.metadata.name}-${stableHash}" has successfully progressed.`,
        lastTransitionTime: t,
        lastUpdateTime: t,
      },
    ],
    ...(ro.spec.strategy?.blueGreen
      ? { blueGreen: { activeSelector: stableHash, ...(updating ? { previewSelector: currentHash } : {}) } }
      : {}),
  };
  return updating ? "stable and updated ReplicaSets with pods" : "stable ReplicaSet with pods";
}
