// The simulated mesh's view of the real cluster: the objects Rollscope's kube source keeps in its
// store (Canaries, Rollouts, Deployments, ReplicaSets, VirtualServices), read as raw objects.

import type { MeshObjects, RawObject } from "@rollscope/demo-cluster";
import type { KnownKind } from "@rollscope/shared";
import type { ObjectStore } from "@rollscope/shared/cluster/object-store";

export function clusterObjects(store: ObjectStore): MeshObjects {
  return {
    get: ({ kind, namespace, name }) =>
      store.get(kind as KnownKind, namespace, name) as RawObject | undefined,
    list: (kind, namespace) => store.list(kind as KnownKind, namespace) as RawObject[],
  };
}
