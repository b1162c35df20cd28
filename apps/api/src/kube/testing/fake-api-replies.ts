// The fake API server's answers as values: Status errors, discovery, lists and patches, computed from
// the FakeClusterState the way the real API server computes them.

import { applyPatch, type PatchType } from "@rollscope/demo-cluster/apply-patch";
import { type KnownKind, kindResources } from "@rollscope/shared";
import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import type { FakeClusterState, RawObject } from "./fake-cluster-state";

export interface Reply {
  status: number;
  body?: unknown;
  contentType?: string;
}

export const allKinds = Object.keys(kindResources) as KnownKind[];

export function statusBody(code: number, reason: string, message: string) {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
}

export function statusReply(code: number, reason: string, message: string): Reply {
  return { status: code, body: statusBody(code, reason, message) };
}

export const notFound = statusReply(404, "NotFound", "the server could not find the requested resource");

export function findKind(group: string, version: string, plural: string): KnownKind | undefined {
  return allKinds.find((k) => {
    const r = kindResources[k];
    return r.group === group && r.version === version && r.plural === plural;
  });
}

export function discoveryReply(
  group: string,
  version: string,
  statusSubresource: ReadonlySet<KnownKind>,
): Reply {
  const kinds = allKinds.filter(
    (k) => kindResources[k].group === group && kindResources[k].version === version,
  );
  const resources = kinds.flatMap((kind) => {
    const { plural, namespaced } = kindResources[kind];
    return [
      { name: plural, namespaced, kind, verbs: ["get", "list", "watch", "patch"] },
      ...(statusSubresource.has(kind)
        ? [{ name: `${plural}/status`, namespaced, kind, verbs: ["patch"] }]
        : []),
    ];
  });
  return {
    status: 200,
    body: { kind: "APIResourceList", apiVersion: "v1", groupVersion: `${group}/${version}`, resources },
  };
}

export function listReply(
  state: FakeClusterState,
  kind: KnownKind,
  namespace: string,
  query: URLSearchParams,
  maxPageSize: number,
): Reply {
  const all = state.list(kind, {
    namespace,
    labelSelector: query.get("labelSelector") ?? "",
    fieldSelector: query.get("fieldSelector") ?? "",
  });
  const offset = Number(query.get("continue") ?? 0);
  const limit = Math.min(Number(query.get("limit")) || all.length, maxPageSize);
  const page = all.slice(offset, offset + limit);
  const more = offset + limit < all.length;
  // Like the real server, items of built-in kinds come without apiVersion and kind.
  const builtin = ["", "apps"].includes(kindResources[kind].group);
  const items = builtin ? page.map(({ apiVersion: _a, kind: _k, ...o }) => o) : page;
  const metadata = {
    resourceVersion: state.resourceVersion,
    ...(more ? { continue: String(offset + limit) } : {}),
  };
  return { status: 200, body: { kind: `${kind}List`, apiVersion: "v1", metadata, items } };
}

const patchTypes: Record<string, PatchType | undefined> = {
  "application/merge-patch+json": "merge",
  "application/json-patch+json": "json",
};

export function patchReply(
  state: FakeClusterState,
  kind: KnownKind,
  namespace: string,
  name: string,
  contentType: string | undefined,
  body: string,
): Reply {
  const current = state.get(kind, namespace, name);
  if (!current) return statusReply(404, "NotFound", `${kindResources[kind].plural} "${name}" not found`);
  const patchType = patchTypes[contentType ?? ""];
  if (!patchType) {
    return statusReply(415, "UnsupportedMediaType", `unsupported patch type ${contentType ?? "(none)"}`);
  }
  let next: RawObject;
  try {
    next = applyPatch(current, patchType, JSON.parse(body));
  } catch (error) {
    if (!(error instanceof ClusterRequestError)) throw error;
    return statusReply(error.status ?? 422, error.code, error.message);
  }
  return { status: 200, body: state.update(kind, namespace, name, () => next) };
}
