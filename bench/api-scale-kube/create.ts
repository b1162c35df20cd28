// Creates the bench's objects on the real API server, many requests in flight: each object is created,
// then its status written through the status subresource (as a controller does; the create drops it),
// and the objects a controller would own get ownerReferences to their owner's UID.
import type { KubeClient } from "../side-by-side/cluster";
import { canaryObjects, type KubeObject, namespaceOf, rolloutObjects } from "./objects";

const plural: Record<string, string> = {
  Rollout: "rollouts",
  AnalysisRun: "analysisruns",
  ReplicaSet: "replicasets",
  Pod: "pods",
  Canary: "canaries",
  Deployment: "deployments",
};

function collectionPath(o: KubeObject): string {
  const group = o.apiVersion === "v1" ? "/api/v1" : `/apis/${o.apiVersion}`;
  return `${group}/namespaces/${o.metadata.namespace}/${plural[o.kind]}`;
}

/** Kinds whose status the create keeps (no status subresource): AnalysisRun in v1.10.1's CRD. */
const statusInBody = new Set(["AnalysisRun"]);

async function send(kube: KubeClient, method: string, path: string, body: unknown, type?: string) {
  for (let attempt = 0; ; attempt++) {
    const answer = await kube.send(method, path, body, type).catch((error: Error) => ({
      status: 0,
      body: error.message,
    }));
    // A busy API server may answer 429 or drop a connection: wait and send again.
    if ((answer.status === 0 || answer.status === 429 || answer.status >= 500) && attempt < 8) {
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      continue;
    }
    if (answer.status >= 300 && answer.status !== 409 && !(method === "DELETE" && answer.status === 404))
      throw new Error(`${method} ${path}: HTTP ${answer.status}: ${answer.body.slice(0, 300)}`);
    return answer;
  }
}

/** Creates `o` (or finds it, when a previous run left it) and writes its status; returns its UID. */
async function createWithStatus(
  kube: KubeClient,
  o: KubeObject,
  owner?: { kind: string; name: string; uid: string; apiVersion: string },
) {
  const { status, ...rest } = o;
  const object = {
    ...(statusInBody.has(o.kind) ? o : rest),
    metadata: {
      ...o.metadata,
      ...(owner ? { ownerReferences: [{ ...owner, controller: true, blockOwnerDeletion: true }] } : {}),
    },
  };
  const path = collectionPath(o);
  let answer = await send(kube, "POST", path, object);
  if (answer.status === 409) answer = await send(kube, "GET", `${path}/${o.metadata.name}`, undefined);
  const uid = (JSON.parse(answer.body) as { metadata: { uid: string } }).metadata.uid;
  if (status !== undefined && !statusInBody.has(o.kind))
    await send(
      kube,
      "PATCH",
      `${path}/${o.metadata.name}/status`,
      { status },
      "application/merge-patch+json",
    );
  return uid;
}

async function createRollout(kube: KubeClient, i: number, namespaces: number) {
  const [rollout, stableRs, canaryRs, pod, run] = rolloutObjects(i, namespaces) as [
    KubeObject,
    KubeObject,
    KubeObject,
    KubeObject,
    KubeObject,
  ];
  const ownerOf = (o: KubeObject, uid: string) => ({
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name,
    uid,
  });
  const rolloutUid = await createWithStatus(kube, rollout);
  const [, canaryUid] = await Promise.all([
    createWithStatus(kube, stableRs, ownerOf(rollout, rolloutUid)),
    createWithStatus(kube, canaryRs, ownerOf(rollout, rolloutUid)),
  ]);
  await Promise.all([
    createWithStatus(kube, pod, ownerOf(canaryRs, canaryUid)),
    createWithStatus(kube, run, ownerOf(rollout, rolloutUid)),
  ]);
}

async function createCanary(kube: KubeClient, i: number, namespaces: number) {
  const [canary, target, primary] = canaryObjects(i, namespaces) as [KubeObject, KubeObject, KubeObject];
  const canaryUid = await createWithStatus(kube, canary);
  await Promise.all([
    createWithStatus(kube, target),
    createWithStatus(kube, primary, {
      apiVersion: canary.apiVersion,
      kind: "Canary",
      name: canary.metadata.name,
      uid: canaryUid,
    }),
  ]);
}

/** Runs `work(k)` for k in [0, count) with at most `parallel` in flight, reporting progress now and then. */
async function pool(count: number, parallel: number, work: (k: number) => Promise<void>, label: string) {
  let next = 0;
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const k = next++;
      await work(k);
      done++;
      if (done % 1000 === 0)
        console.error(
          `  ${label}: ${done}/${count} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

export async function createDeliveries(
  kube: KubeClient,
  sizes: { rollouts: number; canaries: number; namespaces: number },
  parallel = 16,
): Promise<void> {
  const { namespaces } = sizes;
  await pool(
    namespaces,
    parallel,
    async (k) => {
      const name = namespaceOf(k, namespaces);
      await send(kube, "POST", "/api/v1/namespaces", {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name },
      });
      // Pods need their namespace's default ServiceAccount, which the stopped controller-manager would create.
      await send(kube, "POST", `/api/v1/namespaces/${name}/serviceaccounts`, {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: "default" },
      });
    },
    "namespaces",
  );
  await pool(sizes.rollouts, parallel, (i) => createRollout(kube, i, namespaces), "Rollouts");
  await pool(sizes.canaries, parallel, (i) => createCanary(kube, i, namespaces), "Canaries");
}

/** Deletes the bench's namespaces (the controller-manager's namespace controller empties them). */
export async function deleteNamespaces(kube: KubeClient, namespaces: number): Promise<void> {
  await pool(
    namespaces,
    16,
    async (k) => {
      await send(kube, "DELETE", `/api/v1/namespaces/${namespaceOf(k, namespaces)}`, undefined);
    },
    "namespaces deleted",
  );
}
