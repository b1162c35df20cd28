// What the tests of the kube source's actions share: an unstarted source (actions do not need the
// informers) on a fake cluster holding the Rollout shop/web and the Deployment shop/api, the
// requests they send, and the error they expect.
import type { PatchRequest, ServiceProxyRequest } from "@rollscope/shared";
import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import { beforeEach } from "vitest";
import type { KubeClusterSource } from "../kube-cluster-source";
import { type FakeCluster, useFakeCluster } from "./fake-cluster-harness";
import { deployment, rollout } from "./kube-fixtures";

export const rolloutTarget = { kind: "Rollout", namespace: "shop", name: "web" } as const;
export const rolloutPath = "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/web";

/** A merge patch of shop/web. */
export const rolloutMergePatch = (body: Record<string, unknown>): PatchRequest => ({
  type: "patch",
  target: rolloutTarget,
  patchType: "merge",
  body,
});

/** Aborting shop/web through its status subresource, without a fallback to the object. */
export const statusAbort = {
  type: "patch",
  target: rolloutTarget,
  subresource: "status",
  patchType: "merge",
  body: { status: { abort: true } },
} satisfies PatchRequest;

/** "May this patch the status of Rollouts in shop?", as an access check. */
export const rolloutStatusPatchCheck = {
  verb: "patch",
  group: "argoproj.io",
  resource: "rollouts",
  subresource: "status",
  namespace: "shop",
} as const;

/** Opening the loadtester's gate, as a confirm-rollout webhook is answered. */
export const loadtesterGate: ServiceProxyRequest = {
  type: "serviceProxy",
  namespace: "test",
  service: "flagger-loadtester",
  port: 80,
  path: "/gate/open",
  body: { name: "podinfo", namespace: "test" },
};

export interface ActionSource {
  readonly cluster: FakeCluster;
  /** This test's source. */
  readonly source: KubeClusterSource;
}

/** A fresh fake cluster and unstarted source for each test of the file that calls it. */
export function useActionSource(): ActionSource {
  const cluster = useFakeCluster();
  let source: KubeClusterSource | undefined;
  beforeEach(async () => {
    source = await cluster.source({ start: false });
    cluster.server.state.create("Rollout", rollout("shop", "web"));
    cluster.server.state.create("Deployment", deployment("shop", "api"));
  });
  return {
    cluster,
    get source() {
      if (!source) throw new Error("useActionSource() is only usable inside a test");
      return source;
    },
  };
}

/** The ClusterRequestError `promise` rejects with; anything else fails the test. */
export async function clusterRequestFailure(promise: Promise<unknown>): Promise<ClusterRequestError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ClusterRequestError))
    throw new Error(`expected a ClusterRequestError, got ${String(err)}`);
  return err;
}
