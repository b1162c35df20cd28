// The real objects the generated states start from: the plugin's own test clusters and the upstream
// examples and end-to-end manifests of the pinned argo-rollouts module (always there once the oracle is
// built), plus, when ../shared/fixtures is beside the clone, Argo CD's Rollout test objects and the seeds.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import { comparedKinds, isKubeObject, type KubeObject } from "./kube-object";

/** The objects of one namespace of one source, with at least one Rollout among them. */
export interface BaseCase {
  /** Where it came from, e.g. `argo-rollouts/info/testdata/canary` or `argo-cd/testdata/canary/healthy.yaml`. */
  source: string;
  objects: KubeObject[];
}

export interface BaseSources {
  /** The pinned github.com/argoproj/argo-rollouts module in the Go module cache. */
  argoModuleDir: string;
  /** ../shared/fixtures, when it is there. */
  sharedFixturesDir?: string;
}

function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => /\.(ya?ml|json)$/.test(f) && statSync(f).isFile())
    .sort();
}

function objectsOfFile(file: string): KubeObject[] {
  const out: KubeObject[] = [];
  const text = readFileSync(file, "utf8");
  if (text.includes("{{")) return out; // a Helm or Go template, not an object
  let docs: unknown[];
  try {
    docs = parseAllDocuments(text).map((d) => (d.errors.length ? undefined : d.toJSON()));
  } catch {
    return out; // a template with placeholders, not an object
  }
  for (const doc of docs) {
    const items = (doc as { kind?: string; items?: unknown })?.kind?.endsWith("List")
      ? ((doc as { items: unknown[] }).items ?? [])
      : [doc];
    for (const item of items) if (isKubeObject(item) && comparedKinds.has(item.kind)) out.push(item);
  }
  return out;
}

/** One base case per namespace of the objects, keeping only namespaces that hold a Rollout. */
function byNamespace(source: string, objects: KubeObject[]): BaseCase[] {
  const groups = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const ns = o.metadata.namespace ?? "default";
    groups.set(ns, [...(groups.get(ns) ?? []), o]);
  }
  return [...groups.entries()]
    .filter(([, objs]) => objs.some((o) => o.kind === "Rollout"))
    .map(([ns, objs]) => ({ source: groups.size > 1 ? `${source}#${ns}` : source, objects: objs }));
}

/** Each sub-folder is one cluster (all its files together). */
function clusterFolders(root: string, label: string): BaseCase[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => byNamespace(`${label}/${d.name}`, filesBelow(join(root, d.name)).flatMap(objectsOfFile)));
}

/** Each file is one case. */
function eachFile(root: string, label: string): BaseCase[] {
  return filesBelow(root).flatMap((f) => byNamespace(`${label}/${relative(root, f)}`, objectsOfFile(f)));
}

export function loadBaseCases(sources: BaseSources): BaseCase[] {
  const m = sources.argoModuleDir;
  const cases = [
    ...clusterFolders(join(m, "pkg/kubectl-argo-rollouts/info/testdata"), "argo-rollouts/info/testdata"),
    ...eachFile(join(m, "examples"), "argo-rollouts/examples"),
    ...eachFile(join(m, "test/e2e"), "argo-rollouts/test/e2e"),
  ];
  const shared = sources.sharedFixturesDir;
  if (shared) {
    // argo-rollouts/clusters and examples there are copies of the module's; Argo CD's are not.
    cases.push(...eachFile(join(shared, "argo-cd/rollout"), "argo-cd/rollout"));
    cases.push(...eachFile(join(shared, "seeds"), "seeds"));
  }
  return cases.filter((c) => !basename(c.source).startsWith("."));
}
