// The Argo Rollouts dashboard, `kubectl argo rollouts dashboard` (the plugin built by
// `e2e/cluster/build.sh argo-dashboard`), for one namespace. Its UI, once loaded, fetches
// GET /api/v1/rollouts/{ns}/info and keeps GET /api/v1/rollouts/{ns}/info/watch open (under the
// root path `rollouts`); the stream is grpc-gateway's: one JSON object per line,
// {"result":{"type":"Updated","rolloutInfo":{...}}}, each Rollout once when it opens, then one per
// change. The Go module carries no built UI (server/static holds only .gitkeep), so the bench measures
// these two calls, which is all the UI does for the list.
import { join } from "node:path";
import { freePort } from "@rollscope/shared/http/free-port";
import { type Dashboard, logFileFor, sleep, spawnGroup, timedGet } from "./side";
import { openStream } from "./stream-client";

export async function startArgoDashboard(options: {
  bin: string;
  kubeconfig: string;
  namespace: string;
}): Promise<Dashboard> {
  const port = await freePort();
  const process_ = spawnGroup(
    join(options.bin, "kubectl-argo-rollouts"),
    ["dashboard", "--port", String(port), "--namespace", options.namespace],
    {
      cwd: options.bin,
      env: { ...process.env, KUBECONFIG: options.kubeconfig },
      logFile: logFileFor("argo"),
    },
  );
  const api = `http://127.0.0.1:${port}/rollouts/api/v1/rollouts/${options.namespace}`;
  const list = async () => {
    const { ms, body } = await timedGet(`${api}/info`);
    const parsed = JSON.parse(body) as { rollouts?: unknown[] };
    return { ms, bytes: Buffer.byteLength(body), rollouts: parsed.rollouts?.length ?? 0 };
  };
  return {
    name: "Argo dashboard",
    pid: process_.pid,
    ready: async (rollouts, deadline) => {
      for (;;) {
        if (!process_.running()) throw new Error(`the Argo dashboard exited:\n${process_.output()}`);
        const seen = await list().then(
          (l) => l.rollouts,
          () => -1,
        );
        if (seen >= rollouts) return;
        if (Date.now() > deadline)
          throw new Error(`the Argo dashboard lists ${seen}/${rollouts}\n${process_.output()}`);
        await sleep(250);
      }
    },
    list,
    stream: (rollouts) => {
      // Each Rollout arrives once as the stream opens: synced when every name has come.
      const names = new Set<string>();
      return openStream(`${api}/info/watch`, {
        delimiter: "\n",
        synced: (message) => {
          const name = /"objectMeta":\{"name":"([^"]+)"/.exec(message)?.[1];
          if (name) names.add(name);
          return names.size >= rollouts;
        },
      });
    },
    stop: () => process_.stop(),
  };
}
