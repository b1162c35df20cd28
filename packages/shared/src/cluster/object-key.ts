import type { KnownKind } from "../schemas/registry";

/** Identity of an object within one cluster. Cluster-scoped kinds have namespace "". */
export interface ObjectKey {
  kind: KnownKind;
  namespace: string;
  name: string;
}

export function objectKey(key: ObjectKey): string {
  return `${key.kind}/${key.namespace}/${key.name}`;
}

export function describeKey(key: ObjectKey): string {
  return key.namespace ? `${key.kind} ${key.namespace}/${key.name}` : `${key.kind} ${key.name}`;
}
