// What every mutation works with: the namespace's objects, the seeded choices, and small helpers to
// find a Rollout's ReplicaSets, pods and runs the way their owner references tie them together.
import type { KubeObject } from "../kube-object";
import type { Random } from "../random";

export interface MutationContext {
  objects: KubeObject[];
  random: Random;
}

export interface Mutation {
  name: string;
  apply(context: MutationContext): string | undefined;
}

export const hashLabel = "rollouts-pod-template-hash";
export const revisionAnnotation = "rollout.argoproj.io/revision";

export function rolloutOf(c: MutationContext): KubeObject | undefined {
  const rollouts = c.objects.filter((o) => o.kind === "Rollout");
  return rollouts.length ? c.random.pick(rollouts) : undefined;
}

export function ownedBy(c: MutationContext, kind: string, owner: KubeObject): KubeObject[] {
  return c.objects.filter(
    (o) =>
      o.kind === kind &&
      (o.metadata.ownerReferences ?? []).some((r) =>
        owner.metadata.uid && r.uid
          ? r.uid === owner.metadata.uid
          : r.kind === owner.kind && r.name === owner.metadata.name,
      ),
  );
}

export function pickOwned(c: MutationContext, kind: string, ownerKind: string): KubeObject | undefined {
  const ro = rolloutOf(c);
  if (!ro) return undefined;
  let owned = ownedBy(c, kind, ro);
  if (ownerKind === "ReplicaSet") owned = ownedBy(c, "ReplicaSet", ro).flatMap((rs) => ownedBy(c, kind, rs));
  return owned.length ? c.random.pick(owned) : undefined;
}

/** A list field as a list (a hand-edited object may hold `{}` where a list belongs). */
export function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

export function status(o: KubeObject): Record<string, unknown> {
  o.status ??= {};
  return o.status;
}

export function hashes(c: MutationContext, ro: KubeObject): string[] {
  return ownedBy(c, "ReplicaSet", ro)
    .map((rs) => rs.metadata.labels?.[hashLabel])
    .filter((h): h is string => typeof h === "string");
}

export function canary(ro: KubeObject): Record<string, unknown> | undefined {
  return ro.spec?.strategy?.canary;
}

export function remove(c: MutationContext, objects: KubeObject[]): void {
  c.objects = c.objects.filter((o) => !objects.includes(o));
}

export function ownerRef(owner: KubeObject) {
  return {
    apiVersion: owner.apiVersion ?? "argoproj.io/v1alpha1",
    kind: owner.kind,
    name: owner.metadata.name,
    ...(owner.metadata.uid ? { uid: owner.metadata.uid } : {}),
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function uid(r: Random): string {
  const h = () => r.int(0, 0xffff).toString(16).padStart(4, "0");
  return `${h()}${h()}-${h()}-4${h().slice(1)}-a${h().slice(1)}-${h()}${h()}${h()}`;
}

export function runningPod(
  c: MutationContext,
  rs: KubeObject,
  template: KubeObject["spec"],
  hash: string,
): KubeObject {
  const containers =
    (template?.spec?.containers as Array<{ name: string; image?: string }> | undefined) ?? [];
  const started = c.random.time();
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `${rs.metadata.name}-${c.random.hash().slice(0, 5)}`,
      namespace: rs.metadata.namespace,
      uid: uid(c.random),
      creationTimestamp: started,
      labels: { ...(template?.metadata?.labels ?? {}), [hashLabel]: hash },
      ownerReferences: [{ ...ownerRef(rs), apiVersion: "apps/v1" }],
    },
    spec: { ...(template?.spec ?? {}), containers, nodeName: "node-1" },
    status: {
      phase: "Running",
      conditions: [{ type: "Ready", status: "True", lastTransitionTime: started }],
      containerStatuses: containers.map((k) => ({
        name: k.name,
        image: k.image ?? "",
        imageID: "",
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: started } },
      })),
      startTime: started,
    },
  };
}
