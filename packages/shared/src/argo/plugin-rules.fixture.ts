// Objects shaped as an API server returns them, for the tests of the kubectl-argo-rollouts plugin's
// info rules (plugin-rules-*.test.ts), and the Delivery read back in the plugin's words.
import type { Delivery } from "../delivery/delivery";
import { parseCluster } from "../testing/parse-cluster";
import { rolloutDelivery } from "./rollout-delivery";

export type Raw = Record<string, unknown>;
const namespace = "shop";
export const created = "2024-05-01T10:00:00Z";
const rolloutUid = "0a1b2c3d-0000-4000-8000-000000000001";
const rolloutOwner = [
  { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: "web", uid: rolloutUid, controller: true },
];
export const experimentOwner = (name: string, uid: string) => [
  { apiVersion: "argoproj.io/v1alpha1", kind: "Experiment", name, uid, controller: true },
];

export function rollout(spec: Raw, status: Raw): Raw {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name: "web", namespace, uid: rolloutUid, generation: 3, creationTimestamp: created },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "shop/web:2" }] },
      },
      ...spec,
    },
    status: { observedGeneration: "3", ...status },
  };
}

let uids = 100;
const nextUid = () => `0a1b2c3d-0000-4000-8000-${String(uids++).padStart(12, "0")}`;

interface ReplicaSetOptions {
  hash?: string;
  revision?: string;
  replicas?: number;
  available?: number;
  /** One container per entry; undefined: a container that names no image. */
  images?: Array<string | undefined>;
  owners?: Raw[];
  annotations?: Record<string, string>;
  conditions?: Raw[];
  generation?: number;
  observedGeneration?: number;
}

export function replicaSet(name: string, o: ReplicaSetOptions): Raw {
  const labels: Record<string, string> = { app: "web" };
  if (o.hash !== undefined) labels["rollouts-pod-template-hash"] = o.hash;
  const annotations = { ...o.annotations };
  if (o.revision !== undefined) annotations["rollout.argoproj.io/revision"] = o.revision;
  const replicas = o.replicas ?? 1;
  const available = o.available ?? replicas;
  const containers = (o.images ?? ["shop/web:2"]).map((image, i) => ({
    name: `c${i}`,
    ...(image !== undefined ? { image } : {}),
  }));
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      namespace,
      uid: nextUid(),
      generation: o.generation ?? 1,
      creationTimestamp: created,
      labels,
      annotations,
      ownerReferences: o.owners ?? rolloutOwner,
    },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers } },
    },
    status: {
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: available,
      availableReplicas: available,
      observedGeneration: o.observedGeneration ?? o.generation ?? 1,
      ...(o.conditions ? { conditions: o.conditions } : {}),
    },
  };
}

export function analysisRun(
  name: string,
  o: { revision?: string; created?: string; owners?: Raw[]; status?: Raw },
): Raw {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisRun",
    metadata: {
      name,
      namespace,
      uid: nextUid(),
      generation: 1,
      creationTimestamp: o.created ?? created,
      annotations: o.revision !== undefined ? { "rollout.argoproj.io/revision": o.revision } : {},
      labels: { "rollout-type": "Step", "rollouts-pod-template-hash": "bbb" },
      ownerReferences: o.owners ?? rolloutOwner,
    },
    spec: {
      metrics: [
        {
          name: "rate",
          provider: {
            job: {
              spec: {
                template: { spec: { containers: [{ name: "t", image: "busybox" }], restartPolicy: "Never" } },
              },
            },
          },
        },
      ],
    },
    ...(o.status ? { status: o.status } : {}),
  };
}

export function experiment(
  name: string,
  uid: string,
  o: { revision: string; created?: string; status?: Raw },
): Raw {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Experiment",
    metadata: {
      name,
      namespace,
      uid,
      generation: 1,
      creationTimestamp: o.created ?? created,
      annotations: { "rollout.argoproj.io/revision": o.revision },
      labels: { "rollouts-pod-template-hash": "bbb" },
      ownerReferences: rolloutOwner,
    },
    spec: {
      templates: [
        {
          name: "canary",
          replicas: 1,
          selector: { matchLabels: { app: "web" } },
          template: {
            metadata: { labels: { app: "web" } },
            spec: { containers: [{ name: "web", image: "shop/web:2" }] },
          },
        },
      ],
    },
    ...(o.status ? { status: o.status } : {}),
  };
}

export function deliveryOf(objects: Raw[]): Delivery {
  const parsed = parseCluster(objects);
  const [ro] = parsed.Rollout;
  if (!ro) throw new Error("no Rollout among the objects");
  return rolloutDelivery({
    cluster: "test",
    rollout: ro,
    replicaSets: parsed.ReplicaSet,
    pods: parsed.Pod,
    analysisRuns: parsed.AnalysisRun,
    experiments: parsed.Experiment,
  });
}

/** The Delivery in the plugin's words: what `get rollout` prints for strategy, step and weights. */
export function header(d: Delivery) {
  const strategy = d.strategy === "canary" ? "Canary" : d.strategy === "blueGreen" ? "BlueGreen" : "";
  const canary = strategy === "Canary";
  return {
    status: d.rawPhase,
    message: d.message,
    strategy,
    step: canary && d.step ? `${d.step.index}/${d.step.total}` : "",
    setWeight: canary ? String(d.setWeight) : "",
    actualWeight: canary ? String(d.actualWeight) : "",
  };
}

export const replicaSetRows = (d: Delivery) =>
  d.revisions.map((r) => [r.name, r.revision ?? 0, r.status, r.roles, r.images]);
export const imageRows = (d: Delivery) => d.images.map((i) => [i.image, i.tags]);

export const canarySteps = {
  steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }, { pause: { duration: "1m" } }],
};

/** Mid-canary: the stable aaa has two of three replicas, the canary bbb one, all available. */
export const oneOfThreeUpdated = {
  stableRS: "aaa",
  currentPodHash: "bbb",
  replicas: 3,
  updatedReplicas: 1,
  readyReplicas: 3,
  availableReplicas: 3,
};

/** Settled: aaa is both stable and current, with two replicas, all available. */
export const settledOnAaa = {
  stableRS: "aaa",
  currentPodHash: "aaa",
  replicas: 2,
  updatedReplicas: 2,
  readyReplicas: 2,
  availableReplicas: 2,
};

/** The stable ReplicaSet web-aaa (revision 1, two replicas) and the canary web-bbb (revision 2, one). */
export const stableAndCanary = () => [
  replicaSet("web-aaa", { hash: "aaa", revision: "1", replicas: 2 }),
  replicaSet("web-bbb", { hash: "bbb", revision: "2", replicas: 1 }),
];
