// Finding cluster credentials the way kubectl does: the files in KUBECONFIG (first definition of a
// name wins), else ~/.kube/config, else the in-cluster service account. One config per selected
// context, each with that context made current, so every cluster gets its own clients.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { type Cluster, type Context, KubeConfig, type User } from "@kubernetes/client-node";
import { KubeConfigWithSharedAgents } from "./shared-agents";

export interface KubeConfigLocation {
  /** Kubeconfig path(s), separated like KUBECONFIG. Default: `KUBECONFIG`, else `~/.kube/config`. */
  kubeconfig?: string;
  /** For tests: environment, home directory, and a prefix for the service-account files. */
  env?: Record<string, string | undefined>;
  homeDir?: string;
  inClusterRoot?: string;
}

export interface KubeConfigOptions extends KubeConfigLocation {
  /** Contexts to connect to, several at once. Default: the current context. */
  contexts?: string[];
  /** Every context in the kubeconfig. */
  allContexts?: boolean;
}

export interface KubeContextConfig {
  /** Context name: the cluster's stable id in Rollscope. */
  context: string;
  clusterName: string;
  server: string;
  /** The context's default namespace, if it names one (informational; Rollscope watches all). */
  namespace?: string;
  inCluster: boolean;
  /** A config whose current context is `context`; its requests share kept connections. */
  kubeConfig: KubeConfig;
}

export class KubeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KubeConfigError";
  }
}

const serviceAccountToken = "/var/run/secrets/kubernetes.io/serviceaccount/token";
export const inClusterContext = "in-cluster";

type Found = { kind: "files"; files: string[] } | { kind: "inCluster" };

function locate(options: KubeConfigLocation): Found | undefined {
  const env = options.env ?? process.env;
  const listed = options.kubeconfig ?? env.KUBECONFIG;
  // Like kubectl: when KUBECONFIG is set only its files count, and missing ones are skipped.
  const candidates = listed
    ? listed.split(delimiter).filter(Boolean)
    : [join(options.homeDir ?? env.HOME ?? homedir(), ".kube", "config")];
  const files = candidates.filter((file) => existsSync(file));
  if (files.length > 0) return { kind: "files", files };
  const token = `${options.inClusterRoot ?? ""}${serviceAccountToken}`;
  if (env.KUBERNETES_SERVICE_HOST && existsSync(token)) return { kind: "inCluster" };
  return undefined;
}

/** Whether any cluster credentials exist; when not, Rollscope falls back to the demo cluster. */
export function hasKubeConfig(options: KubeConfigLocation = {}): boolean {
  return locate(options) !== undefined;
}

function loadFiles(files: string[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = "";
  for (const file of files) {
    const kc = new KubeConfig();
    try {
      kc.loadFromFile(file);
    } catch (err) {
      throw new KubeConfigError(`cannot read kubeconfig ${file}: ${(err as Error).message}`);
    }
    for (const c of kc.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of kc.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!currentContext && kc.getCurrentContext()) currentContext = kc.getCurrentContext();
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext,
  });
  return merged;
}

function loadInCluster(root: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromCluster(root);
  const context = kc.getContexts()[0];
  if (!context) throw new KubeConfigError("in-cluster configuration has no context");
  kc.loadFromOptions({
    clusters: kc.getClusters(),
    users: kc.getUsers(),
    contexts: [{ ...context, name: inClusterContext }],
    currentContext: inClusterContext,
  });
  return kc;
}

function forContext(all: KubeConfig, name: string, inCluster: boolean): KubeContextConfig {
  const kc = new KubeConfigWithSharedAgents();
  kc.loadFromOptions({
    clusters: all.getClusters(),
    users: all.getUsers(),
    contexts: all.getContexts(),
    currentContext: name,
  });
  const context = kc.getContextObject(name);
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster) {
    throw new KubeConfigError(
      `context "${name}" refers to cluster "${context?.cluster ?? "?"}", which is not defined`,
    );
  }
  return {
    context: name,
    clusterName: cluster.name,
    server: cluster.server,
    ...(context.namespace ? { namespace: context.namespace } : {}),
    inCluster,
    kubeConfig: kc,
  };
}

/** Loads the kubeconfig and returns one config per selected context. Throws KubeConfigError. */
export function loadKubeConfigs(options: KubeConfigOptions = {}): KubeContextConfig[] {
  const found = locate(options);
  if (!found) {
    throw new KubeConfigError(
      "no kubeconfig found (KUBECONFIG, ~/.kube/config) and not running in a cluster",
    );
  }
  const inCluster = found.kind === "inCluster";
  const all = found.kind === "files" ? loadFiles(found.files) : loadInCluster(options.inClusterRoot ?? "");
  const available = all.getContexts().map((c) => c.name);
  let selected: string[];
  if (options.allContexts) selected = available;
  else if (options.contexts && options.contexts.length > 0) selected = [...new Set(options.contexts)];
  else if (all.getCurrentContext()) selected = [all.getCurrentContext()];
  else selected = [];
  if (selected.length === 0) {
    throw new KubeConfigError(
      available.length === 0
        ? "the kubeconfig defines no contexts"
        : `the kubeconfig has no current context; choose one of: ${available.join(", ")}`,
    );
  }
  const unknown = selected.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    const plural = unknown.length > 1 ? "s" : "";
    throw new KubeConfigError(
      `unknown kubeconfig context${plural} ${unknown.map((n) => `"${n}"`).join(", ")}; available: ${available.join(", ") || "(none)"}`,
    );
  }
  return selected.map((name) => forContext(all, name, inCluster));
}
