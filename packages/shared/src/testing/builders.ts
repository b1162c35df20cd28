// Realistic objects for tests, shaped like what the controllers write. Each builder takes a deep
// partial override so a test states only what matters to it.
import type { Rollout } from "../schemas/argo/rollout";
import type { Canary } from "../schemas/flagger/canary";
import type { VirtualService } from "../schemas/istio/virtual-service";
import type { Deployment } from "../schemas/kube/deployment";
import type { ReplicaSet } from "../schemas/kube/replica-set";
import { parseObject } from "../schemas/parse";

type DeepPartial<T> =
  T extends Array<infer U> ? Array<U> : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | null } : T;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON-merge-patch semantics: objects merge, arrays and scalars replace, null deletes. */
export function merge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(patch) || !isPlainObject(base)) return patch as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = isPlainObject(v) && isPlainObject(out[k]) ? merge(out[k], v) : v;
  }
  return out as T;
}

function parsed<K extends "Rollout" | "Canary" | "ReplicaSet" | "Deployment" | "VirtualService">(
  kind: K,
  raw: unknown,
) {
  const result = parseObject(kind, raw);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The seed `myapp` Istio canary, mid-update at step `currentStepIndex`. */
export function canaryRollout(patch: DeepPartial<Rollout> = {}): Rollout {
  const base = {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: {
      name: "myapp",
      namespace: "rollouts-demo",
      uid: "uid-myapp",
      generation: 4,
      resourceVersion: "1001",
      annotations: { "rollout.argoproj.io/revision": "2" },
    },
    spec: {
      replicas: 5,
      selector: { matchLabels: { app: "myapp" } },
      template: {
        metadata: { labels: { app: "myapp" } },
        spec: { containers: [{ name: "myapp", image: "argoproj/rollouts-demo:yellow" }] },
      },
      strategy: {
        canary: {
          canaryService: "myapp-canary-svc",
          stableService: "myapp-stable-svc",
          trafficRouting: { istio: { virtualService: { name: "myapp-vsvc", routes: ["primary"] } } },
          steps: [
            { setWeight: 20 },
            { pause: {} },
            { setWeight: 40 },
            { pause: { duration: "60s" } },
            { setWeight: 60 },
            { pause: { duration: 60 } },
            { setWeight: 80 },
            { pause: { duration: "1m" } },
          ],
        },
      },
    },
    status: {
      phase: "Paused",
      message: "CanaryPauseStep",
      observedGeneration: "4",
      currentPodHash: "7d9c5b8f6",
      stableRS: "55bdff45cb",
      currentStepIndex: 1,
      currentStepHash: "5f8d7c",
      controllerPause: true,
      pauseConditions: [{ reason: "CanaryPauseStep", startTime: "2026-11-20T10:00:00Z" }],
      replicas: 6,
      updatedReplicas: 1,
      readyReplicas: 6,
      availableReplicas: 6,
      canary: {
        weights: {
          canary: { podTemplateHash: "7d9c5b8f6", serviceName: "myapp-canary-svc", weight: 20 },
          stable: { podTemplateHash: "55bdff45cb", serviceName: "myapp-stable-svc", weight: 80 },
        },
      },
      conditions: [],
    },
  };
  return parsed("Rollout", merge(base, patch));
}

/** A fully promoted canary: nothing in flight. */
export function settledRollout(patch: DeepPartial<Rollout> = {}): Rollout {
  return canaryRollout(
    merge(
      {
        status: {
          phase: "Healthy",
          message: null,
          currentPodHash: "55bdff45cb",
          stableRS: "55bdff45cb",
          currentStepIndex: 8,
          controllerPause: null,
          pauseConditions: null,
          updatedReplicas: 5,
          replicas: 5,
          readyReplicas: 5,
          availableReplicas: 5,
        },
      },
      patch,
    ) as DeepPartial<Rollout>,
  );
}

/** A blue-green rollout with pre-promotion analysis, waiting at the promotion pause. */
export function blueGreenRollout(patch: DeepPartial<Rollout> = {}): Rollout {
  const base = {
    kind: "Rollout",
    metadata: { name: "checkout", namespace: "shop", uid: "uid-checkout", generation: 2 },
    spec: {
      replicas: 3,
      template: { spec: { containers: [{ name: "checkout", image: "ghcr.io/acme/checkout:1.5.0" }] } },
      strategy: {
        blueGreen: {
          activeService: "checkout-active",
          previewService: "checkout-preview",
          autoPromotionEnabled: false,
          prePromotionAnalysis: { templates: [{ templateName: "smoke" }] },
        },
      },
    },
    status: {
      phase: "Paused",
      message: "BlueGreenPause",
      observedGeneration: "2",
      currentPodHash: "bbb",
      stableRS: "aaa",
      controllerPause: true,
      pauseConditions: [{ reason: "BlueGreenPause", startTime: "2026-11-20T10:00:00Z" }],
      blueGreen: {
        activeSelector: "aaa",
        previewSelector: "bbb",
        prePromotionAnalysisRunStatus: { name: "checkout-bbb-2-pre", status: "Successful" },
      },
      replicas: 6,
      updatedReplicas: 3,
      readyReplicas: 6,
      availableReplicas: 6,
    },
  };
  return parsed("Rollout", merge(base, patch));
}

export function replicaSet(
  owner: Rollout,
  hash: string,
  revision: number,
  image: string,
  replicas = 1,
): ReplicaSet {
  return parsed("ReplicaSet", {
    kind: "ReplicaSet",
    metadata: {
      name: `${owner.metadata.name}-${hash}`,
      namespace: owner.metadata.namespace,
      uid: `uid-rs-${hash}`,
      generation: 1,
      labels: { app: owner.metadata.name, "rollouts-pod-template-hash": hash },
      annotations: { "rollout.argoproj.io/revision": String(revision) },
      ownerReferences: [
        {
          apiVersion: "argoproj.io/v1alpha1",
          kind: "Rollout",
          name: owner.metadata.name,
          uid: owner.metadata.uid,
          controller: true,
        },
      ],
    },
    spec: {
      replicas,
      template: {
        metadata: { labels: { app: owner.metadata.name, "rollouts-pod-template-hash": hash } },
        spec: { containers: [{ name: owner.metadata.name, image }] },
      },
    },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 },
  });
}

/** The seed `podinfo` Flagger canary (stepWeight 5 to 50), progressing. */
export function flaggerCanary(patch: DeepPartial<Canary> = {}): Canary {
  const base = {
    apiVersion: "flagger.app/v1beta1",
    kind: "Canary",
    metadata: { name: "podinfo", namespace: "test", uid: "uid-podinfo", generation: 1 },
    spec: {
      targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "podinfo" },
      service: { port: 9898 },
      analysis: {
        interval: "30s",
        threshold: 10,
        maxWeight: 50,
        stepWeight: 5,
        metrics: [
          { name: "request-success-rate", threshold: 99, interval: "30s" },
          { name: "request-duration", threshold: 500, interval: "30s" },
        ],
      },
    },
    status: {
      phase: "Progressing",
      canaryWeight: 10,
      failedChecks: 0,
      iterations: 0,
      lastAppliedSpec: "5d8c7b9f4",
      lastTransitionTime: "2026-11-20T10:00:00Z",
      conditions: [
        {
          type: "Promoted",
          status: "Unknown",
          reason: "Progressing",
          message: "New revision detected, progressing canary analysis.",
        },
      ],
    },
  };
  return parsed("Canary", merge(base, patch));
}

export function deployment(name: string, namespace: string, image: string, replicas = 1): Deployment {
  return parsed("Deployment", {
    kind: "Deployment",
    metadata: { name, namespace, uid: `uid-deploy-${name}`, generation: 1 },
    spec: {
      replicas,
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "podinfod", image }] } },
    },
    status: {
      replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      updatedReplicas: replicas,
      observedGeneration: 1,
    },
  });
}

/** The apex VirtualService Flagger's IstioRouter keeps for the seed `podinfo` canary, with these routes. */
export function flaggerVirtualService(http: unknown[]): VirtualService {
  return parsed("VirtualService", {
    apiVersion: "networking.istio.io/v1beta1",
    kind: "VirtualService",
    metadata: {
      name: "podinfo",
      namespace: "test",
      uid: "uid-vs-podinfo",
      ownerReferences: [
        {
          apiVersion: "flagger.app/v1beta1",
          kind: "Canary",
          name: "podinfo",
          uid: "uid-podinfo",
          controller: true,
        },
      ],
    },
    spec: { hosts: ["podinfo"], gateways: ["mesh"], http },
  });
}

/**
 * What SetRoutes writes there with session affinity: the cookie-match route (primary 0, canary 100)
 * first, the weighted route last, its canary destination setting the cookie.
 */
export function stickyFlaggerVirtualService(primaryWeight: number, canaryWeight: number): VirtualService {
  return flaggerVirtualService([
    {
      name: "sticky-route",
      match: [{ headers: { Cookie: { regex: ".*flagger-cookie.*LpsIaLdoNZ.*" } } }],
      route: [
        { destination: { host: "podinfo-primary" }, weight: 0 },
        { destination: { host: "podinfo-canary" }, weight: 100 },
      ],
    },
    {
      route: [
        { destination: { host: "podinfo-primary" }, weight: primaryWeight },
        {
          destination: { host: "podinfo-canary" },
          weight: canaryWeight,
          headers: { response: { add: { "Set-Cookie": "flagger-cookie=LpsIaLdoNZ; Max-Age=86400" } } },
        },
      ],
    },
  ]);
}
