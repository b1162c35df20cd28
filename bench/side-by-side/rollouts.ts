// The Rollouts both dashboards show: N canary Rollouts of one replica each in one namespace, created
// with `kubectl apply` as people and GitOps tools create them, run by the real rollouts controller
// until each is Healthy with its one pod Running on a kwok node.
import type { KubeClient } from "./cluster";
import { kubectl } from "./cluster";

export const NAMESPACE = "side-by-side";
const PODS_PER_NODE = 500; // what start.sh gives kwok-node-0, and each node added here
const HEADROOM = 100; // pods of the cluster's own (loadtester, tests) on kwok-node-0

export const rolloutName = (i: number) => `svc-${String(i).padStart(4, "0")}`;

function rollout(i: number) {
  const name = rolloutName(i);
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name, namespace: NAMESPACE, labels: { app: name, team: `team-${i % 10}` } },
    spec: {
      replicas: 1,
      revisionHistoryLimit: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: "app", image: "argoproj/rollouts-demo:blue", ports: [{ containerPort: 8080 }] },
          ],
        },
      },
      strategy: {
        canary: {
          steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: "1m" } }],
        },
      },
    },
  };
}

/** A fake node like start.sh's kwok-node-0, which kwok runs (annotation kwok.x-k8s.io/node=fake). */
function kwokNode(name: string) {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
      labels: {
        type: "kwok",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "kubernetes.io/role": "agent",
      },
    },
    status: {
      allocatable: { cpu: "64", memory: "256Gi", pods: String(PODS_PER_NODE) },
      capacity: { cpu: "64", memory: "256Gi", pods: String(PODS_PER_NODE) },
      nodeInfo: {
        architecture: "amd64",
        kubeletVersion: "fake",
        kubeProxyVersion: "fake",
        operatingSystem: "linux",
      },
    },
  };
}

const list = (items: unknown[]) => JSON.stringify({ apiVersion: "v1", kind: "List", items });

/** Nodes beyond kwok-node-0 so that `rollouts` one-replica Rollouts all fit (500 pods per node). */
export function extraNodeNames(rollouts: number): string[] {
  const nodes = Math.ceil((rollouts + HEADROOM) / PODS_PER_NODE);
  return Array.from({ length: Math.max(0, nodes - 1) }, (_, i) => `kwok-node-bench-${i + 1}`);
}

/** Rollouts 0..n-1 in NAMESPACE (those already there stay), on enough kwok nodes. */
export function applyRollouts(state: Record<string, string>, n: number): void {
  // A previous run's namespace may still be terminating; creating into it would be refused.
  const phase = kubectl(state, [
    "get",
    "namespace",
    NAMESPACE,
    "--ignore-not-found",
    "-o",
    "jsonpath={.status.phase}",
  ]);
  if (phase === "Terminating")
    kubectl(state, ["wait", "--for=delete", `namespace/${NAMESPACE}`, "--timeout=300s"]);
  kubectl(
    state,
    ["apply", "-f", "-"],
    list([{ apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } }]),
  );
  const nodes = extraNodeNames(n);
  // --validate=false: kubectl's schema wants the nodeInfo a kubelet reports, which kwok nodes lack.
  if (nodes.length > 0) kubectl(state, ["apply", "--validate=false", "-f", "-"], list(nodes.map(kwokNode)));
  const batch = 200; // kubectl apply sends a GET and a POST per object, one after another
  for (let from = 0; from < n; from += batch) {
    const items = Array.from({ length: Math.min(batch, n - from) }, (_, k) => rollout(from + k));
    kubectl(state, ["apply", "-f", "-"], list(items));
  }
}

interface RolloutList {
  items: Array<{ status?: { phase?: string; availableReplicas?: number } }>;
}

/** Waits until `n` Rollouts of NAMESPACE are Healthy with their pod available; returns seconds taken. */
export async function waitHealthy(kube: KubeClient, n: number, timeoutMs = 15 * 60_000): Promise<number> {
  const start = performance.now();
  let lastReport = 0;
  for (;;) {
    const { status, body } = await kube.send(
      "GET",
      `/apis/argoproj.io/v1alpha1/namespaces/${NAMESPACE}/rollouts`,
    );
    if (status !== 200) throw new Error(`listing Rollouts: HTTP ${status}: ${body.slice(0, 300)}`);
    const items = (JSON.parse(body) as RolloutList).items;
    const healthy = items.filter(
      (r) => r.status?.phase === "Healthy" && r.status.availableReplicas === 1,
    ).length;
    const seconds = (performance.now() - start) / 1000;
    if (healthy >= n) return seconds;
    if (performance.now() - start > timeoutMs)
      throw new Error(`only ${healthy}/${n} Rollouts Healthy in time`);
    if (seconds - lastReport >= 15) {
      console.error(`  ${healthy}/${n} Rollouts Healthy after ${seconds.toFixed(0)} s`);
      lastReport = seconds;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Removes what applyRollouts made, when the cluster was already running before the bench. */
export function removeRollouts(state: Record<string, string>, n: number): void {
  kubectl(state, ["delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=false"]);
  const nodes = extraNodeNames(n);
  if (nodes.length > 0) kubectl(state, ["delete", "node", "--ignore-not-found", ...nodes]);
}
