// Labels, annotations and small object helpers shared by the simulated controllers, with the exact
// keys the Argo Rollouts controller uses.
import {
  isKnownKind,
  type KnownKind,
  apiVersionOf as kindApiVersion,
  type ObjectOfKind,
  parseObject,
} from "@rollscope/shared";
import type { ObjectKey } from "@rollscope/shared/cluster/object-key";
import type { RawObject } from "../demo-store";

export const HASH_LABEL = "rollouts-pod-template-hash";
export const REVISION_ANNOTATION = "rollout.argoproj.io/revision";
export const DESIRED_REPLICAS_ANNOTATION = "rollout.argoproj.io/desired-replicas";
export const SCALE_DOWN_DEADLINE_ANNOTATION = "scale-down-deadline";
export const ROLLOUT_TYPE_LABEL = "rollout-type";
export const STEP_INDEX_LABEL = "step-index";
export const EXPERIMENT_NAME_ANNOTATION = "experiment.argoproj.io/name";
export const EXPERIMENT_TEMPLATE_ANNOTATION = "experiment.argoproj.io/template-name";
export const CONTROLLER_COMPONENT = "rollouts-controller";

export function apiVersionOf(kind: string): string {
  return isKnownKind(kind) ? kindApiVersion(kind) : "v1";
}

export function keyOf(object: { kind?: string; metadata: { name: string; namespace?: string } }): ObjectKey {
  return {
    kind: (object.kind ?? "") as KnownKind,
    namespace: object.metadata.namespace ?? "",
    name: object.metadata.name,
  };
}

/** metav1.NewControllerRef */
export function controllerRef(owner: { kind?: string; metadata: { name: string; uid?: string } }) {
  const kind = owner.kind ?? "";
  return {
    apiVersion: apiVersionOf(kind),
    kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

type WithOwners = { metadata: { ownerReferences?: Array<{ uid?: string; controller?: boolean }> | null } };

/** metav1.GetControllerOf(object).uid == owner uid */
export function isControlledBy(object: WithOwners, ownerUid: string | undefined): boolean {
  if (!ownerUid) return false;
  return (object.metadata.ownerReferences ?? []).some(
    (ref) => ref.controller === true && ref.uid === ownerUid,
  );
}

/** Parses a raw object of a known kind; malformed objects are skipped by the controllers. */
export function parsed<K extends KnownKind>(
  kind: K,
  raw: RawObject | undefined,
): ObjectOfKind<K> | undefined {
  if (!raw) return undefined;
  const result = parseObject(kind, raw);
  return result.ok ? result.value : undefined;
}

export function asRaw(object: unknown): RawObject {
  return object as RawObject;
}

export function hashOf(object: { metadata: { labels?: Record<string, string> | null } } | undefined): string {
  return object?.metadata.labels?.[HASH_LABEL] ?? "";
}

/** replicasetutil.Revision: the revision annotation as a number (0 when absent). */
export function revisionOf(object: { metadata: { annotations?: Record<string, string> | null } }): number {
  const n = Number.parseInt(object.metadata.annotations?.[REVISION_ANNOTATION] ?? "", 10);
  return Number.isNaN(n) ? 0 : n;
}

/** metav1.FormatLabelSelector for matchLabels selectors ("app=myapp,rollouts-pod-template-hash=abc"). */
export function formatLabelSelector(
  selector: { matchLabels?: Record<string, string> | null } | null | undefined,
) {
  const labels = selector?.matchLabels ?? {};
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Drops undefined values recursively so stored objects stay JSON-clean. */
export function compact<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
