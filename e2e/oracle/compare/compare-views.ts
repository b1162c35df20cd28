// Field-by-field comparison of the plugin's view of a Rollout with Rollscope's. Lists are matched by
// name (a missing or extra entry is one difference), then their order is compared on its own.
import type { PluginView } from "./plugin-view";
import type { RollscopeView } from "./rollscope-view";

export interface Difference {
  /** e.g. `status`, `replicaSets[app-6f8d].tags`, `pods[app-6f8d-x2k9q].status`, `pods order`. */
  field: string;
  plugin: unknown;
  rollscope: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function compareFields<T extends object>(
  out: Difference[],
  prefix: string,
  plugin: T,
  rollscope: T,
  fields: ReadonlyArray<keyof T>,
): void {
  for (const f of fields) {
    const p = plugin[f] ?? "";
    const r = rollscope[f] ?? "";
    if (!same(p, r)) out.push({ field: `${prefix}${String(f)}`, plugin: p, rollscope: r });
  }
}

function compareByName<T extends { name: string }>(
  out: Difference[],
  list: string,
  plugin: T[],
  rollscope: T[],
  fields: ReadonlyArray<keyof T>,
): void {
  const theirs = new Map(rollscope.map((x) => [x.name, x]));
  for (const p of plugin) {
    const r = theirs.get(p.name);
    if (!r) out.push({ field: `${list}[${p.name}]`, plugin: "shown", rollscope: "missing" });
    else compareFields(out, `${list}[${p.name}].`, p, r, fields);
  }
  const ours = new Set(plugin.map((p) => p.name));
  for (const r of rollscope) {
    if (!ours.has(r.name)) out.push({ field: `${list}[${r.name}]`, plugin: "missing", rollscope: "shown" });
  }
  const common = (xs: T[], other: Set<string>) => xs.map((x) => x.name).filter((n) => other.has(n));
  const pluginOrder = common(plugin, new Set(theirs.keys()));
  const rollscopeOrder = common(rollscope, ours);
  if (!same(pluginOrder, rollscopeOrder))
    out.push({ field: `${list} order`, plugin: pluginOrder, rollscope: rollscopeOrder });
}

export function compareViews(plugin: PluginView, rollscope: RollscopeView): Difference[] {
  const out: Difference[] = [];
  compareFields(out, "", plugin, rollscope as unknown as PluginView, [
    "status",
    "message",
    "strategy",
    "step",
  ]);
  // The plugin gives weights for canary Rollouts only; Rollscope draws them for canaries only.
  if (plugin.strategy === "Canary") {
    compareFields(out, "", plugin, rollscope as unknown as PluginView, ["setWeight", "actualWeight"]);
  }
  if (!same(plugin.images, rollscope.images))
    out.push({ field: "images", plugin: plugin.images, rollscope: rollscope.images });
  if (plugin.replicas && !same(plugin.replicas, rollscope.replicas)) {
    out.push({ field: "replicas", plugin: plugin.replicas, rollscope: rollscope.replicas });
  }
  compareByName(out, "replicaSets", plugin.replicaSets, rollscope.replicaSets, [
    "revision",
    "status",
    "tags",
    "replicas",
    "available",
    "images",
    "template",
    "scaleDownDeadline",
    "experiment",
  ]);
  compareByName(out, "pods", plugin.pods, rollscope.pods, ["replicaSet", "status", "ready", "restarts"]);
  compareByName(
    out,
    "analysisRuns",
    plugin.analysisRuns.map(({ experiment: _e, ...run }) => run),
    rollscope.analysisRuns,
    ["revision", "status", "successful", "failed", "inconclusive", "error", "jobs"],
  );
  // Experiments: fields by name; their order is left out, as the plugin's own order of two Experiments
  // depends on the order its informer lists them in (info.getExperimentInfo's comparator is not total).
  const experiments: Difference[] = [];
  compareByName(experiments, "experiments", plugin.experiments, rollscope.experiments, [
    "revision",
    "status",
    "message",
  ]);
  out.push(...experiments.filter((d) => d.field !== "experiments order"));
  // The timeline names the run of each analysis or experiment step: its phase must be the plugin's.
  for (const run of rollscope.timelineRuns) {
    const theirs =
      run.type === "analysis"
        ? plugin.analysisRuns.find((a) => a.name === run.name)
        : plugin.experiments.find((e) => e.name === run.name);
    if (theirs && theirs.status !== run.status) {
      out.push({
        field: `timeline ${run.type}[${run.name}].status`,
        plugin: theirs.status,
        rollscope: run.status,
      });
    }
  }
  return out;
}
