// Where each kind lives in the API server's URL space (from kindResources) and how to name it in
// messages the way RBAC does: `rollouts.argoproj.io/status`, `deployments.apps`, `pods`.
import { type KnownKind, kindResources } from "@rollscope/shared";

/** The list/watch URL of a kind, across all namespaces or within one. */
export function collectionPath(kind: KnownKind, namespace?: string): string {
  const { group, version, plural, namespaced } = kindResources[kind];
  const root = group ? `/apis/${group}/${version}` : `/api/${version}`;
  return namespaced && namespace
    ? `${root}/namespaces/${encodeURIComponent(namespace)}/${plural}`
    : `${root}/${plural}`;
}

export function describeResource(kind: KnownKind, subresource?: string): string {
  const { group, plural } = kindResources[kind];
  return `${plural}${group ? `.${group}` : ""}${subresource ? `/${subresource}` : ""}`;
}
