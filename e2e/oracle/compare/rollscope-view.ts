// Rollscope's side: each Rollout as the real API serves it over HTTP (`deliveries.get`, what the delivery
// page draws), put into the plugin's terms so the two can be compared field by field.
import type { Delivery, Revision } from "@rollscope/shared";
import type { PluginAnalysisRun, PluginImage, PluginPod, PluginReplicaSet } from "./plugin-view";

export interface RollscopeView {
  status: string;
  message: string;
  strategy: string;
  step: string;
  setWeight: string;
  actualWeight: string;
  images: PluginImage[];
  replicaSets: PluginReplicaSet[];
  pods: PluginPod[];
  analysisRuns: Omit<PluginAnalysisRun, "experiment">[];
  experiments: Array<{ name: string; revision: number; status: string; message: string }>;
  /** The AnalysisRuns and Experiments the step timeline names, with the phase it shows. */
  timelineRuns: Array<{ type: "analysis" | "experiment"; name: string; status: string }>;
  replicas: Delivery["replicas"];
}

/** The order `get rollout` prints a ReplicaSet's tags in (cmd/get/get_rollout.go). */
const tagOrder = ["canary", "stable", "active", "preview", "ping", "pong"] as const;

function replicaSetOf(r: Revision, experiment?: string): PluginReplicaSet {
  return {
    name: r.name,
    revision: r.revision ?? 0,
    status: r.status,
    tags: tagOrder.filter((t) => r.roles.includes(t)),
    replicas: r.replicas.current,
    available: r.replicas.available,
    images: r.images,
    ...(r.experimentTemplate ? { template: r.experimentTemplate } : {}),
    ...(r.scaleDownDeadline ? { scaleDownDeadline: r.scaleDownDeadline } : {}),
    ...(experiment ? { experiment } : {}),
  };
}

export function rollscopeView(d: Delivery): RollscopeView {
  // The Rollout's ReplicaSets, then each Experiment's, as the plugin lists them.
  const replicaSets = [
    ...d.revisions.filter((r) => r.kind === "ReplicaSet").map((r) => ({ r, experiment: undefined })),
    ...(d.experiments ?? []).flatMap((e) => e.replicaSets.map((r) => ({ r, experiment: e.name }))),
  ];
  return {
    status: d.rawPhase,
    message: d.message,
    strategy: d.strategy === "blueGreen" ? "BlueGreen" : d.strategy === "canary" ? "Canary" : "",
    step: d.step ? `${d.step.index}/${d.step.total}` : "",
    setWeight: String(d.setWeight),
    actualWeight: String(d.actualWeight),
    images: d.images.map((i) => ({ image: i.image, tags: [...i.tags] })),
    replicaSets: replicaSets.map(({ r, experiment }) => replicaSetOf(r, experiment)),
    pods: replicaSets.flatMap(({ r }) =>
      r.pods.map((p) => ({
        name: p.name,
        replicaSet: r.name,
        status: p.status,
        ready: `${p.readyContainers}/${p.containers}`,
        restarts: p.restarts,
      })),
    ),
    analysisRuns: d.analysisRuns.map((a) => ({
      name: a.name,
      status: a.phase,
      revision: a.revision ?? 0,
      ...a.counts,
      jobs: a.jobs ?? [],
    })),
    experiments: (d.experiments ?? []).map((e) => ({
      name: e.name,
      revision: e.revision ?? 0,
      status: e.status,
      message: e.message ?? "",
    })),
    timelineRuns: d.timeline.flatMap((item) =>
      (item.type === "analysis" || item.type === "experiment") && item.run
        ? [{ type: item.type, name: item.run.name, status: item.run.phase }]
        : [],
    ),
    replicas: d.replicas,
  };
}

export interface ApiClient {
  baseUrl: string;
  token: string;
}

/** One delivery's detail from the running API, or the error text it answered with. */
export async function fetchDelivery(
  api: ApiClient,
  target: { cluster: string; namespace: string; name: string },
): Promise<Delivery | { error: string }> {
  const input = encodeURIComponent(JSON.stringify({ ...target, kind: "Rollout" }));
  const response = await fetch(`${api.baseUrl}/api/trpc/deliveries.get?input=${input}`, {
    headers: { authorization: `Bearer ${api.token}` },
  });
  const body = (await response.json()) as {
    result?: { data: { delivery: Delivery } };
    error?: { message: string };
  };
  if (!response.ok || !body.result) return { error: body.error?.message ?? `HTTP ${response.status}` };
  return body.result.data.delivery;
}
