// Access to the running test cluster: its kubeconfig and kubectl, and Rollscope's API services on it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { createKubeClusterSources } from "@rollscope/api/kube";
import { silentLogger } from "@rollscope/api/observability/logger";
import { createServices } from "@rollscope/api/runtime/create-services";
import { createCaller } from "@rollscope/api/trpc/root-router";
import { type Actor, describeActor, tokenActorNamed } from "@rollscope/shared/identity/actor";

// The same defaults as e2e/cluster/lib.sh.
export const stateDir =
  process.env.ROLLSCOPE_CLUSTER_DIR ??
  join(process.env.ROLLSCOPE_CACHE ?? join(homedir(), ".cache", "rollscope"), "cluster");

function state(): Record<string, string> {
  const text = readFileSync(join(stateDir, "state.env"), "utf8");
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^(?:export\s+)?([A-Z_]+)=["']?(.*?)["']?$/.exec(line.trim());
    if (match?.[1]) out[match[1]] = match[2] ?? "";
  }
  return out;
}

export const cluster = state();
export const kubeconfig = cluster.ROLLSCOPE_KUBECONFIG ?? join(stateDir, "kubeconfig");

export function kubectl(...args: string[]): string {
  return execFileSync(join(cluster.ROLLSCOPE_BIN ?? "", "kubectl"), args, {
    env: { ...process.env, KUBECONFIG: kubeconfig },
    encoding: "utf8",
  });
}

/** `kubectl apply` of objects given as values (server-side, so repeated applies merge cleanly). */
export function apply(...objects: unknown[]): string {
  return execFileSync(
    join(cluster.ROLLSCOPE_BIN ?? "", "kubectl"),
    ["apply", "--server-side", "--force-conflicts", "--field-manager", "cluster-test", "-f", "-"],
    {
      env: { ...process.env, KUBECONFIG: kubeconfig },
      encoding: "utf8",
      input: JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }),
    },
  );
}

/**
 * Rollscope's API services watching the test cluster through the kube source: by default with the
 * admin kubeconfig, acting for a script token; or with another kubeconfig (a least-privilege service
 * account), for another person, and with another way of authorising actions.
 */
export async function rollscope(
  options: { kubeconfig?: string; actor?: Actor; authorizeActions?: "rbac" | "verbs" } = {},
) {
  const sources = createKubeClusterSources({
    kubeconfig: options.kubeconfig ?? kubeconfig,
    logger: silentLogger(),
  });
  const running = await createServices(sources, {
    dataDir: mkdtempSync(join(tmpdir(), "rollscope-cluster-")),
    readOnly: false,
    log: silentLogger(),
    ...(options.authorizeActions ? { authorizeActions: options.authorizeActions } : {}),
  });
  await running.start();
  const name = sources[0]?.name ?? "";
  const actor = options.actor ?? tokenActorNamed("cluster-test");
  return {
    running,
    name,
    caller: createCaller({ services: running.services, actor, identity: describeActor(actor) }),
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T> | T,
  check: (v: T) => boolean,
  // Generous: Flagger acts every 10 s at best, and two busy cores can slow every controller down.
  timeoutMs = 150_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (check(last)) return last;
    } catch {
      // not there yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 500)}`);
}
