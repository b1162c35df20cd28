// Creating AnalysisRuns the way the rollout controller does (newAnalysisRunFromRollout,
// NewAnalysisRunFromTemplates, BuildArgumentsForRolloutAnalysisRun, CreateWithCollisionCounter):
// templates flattened, args merged and resolved (value, fieldRef, podTemplateHashValue), name
// `<rollout>-<hash>-<revision>[-<infix>]` with `.1`, `.2`… on collision.
import type { AnalysisArg, AnalysisRun, AnalysisTemplate, RolloutAnalysis } from "@rollscope/shared";
import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import { canonicalJson } from "@rollscope/shared/encoding/canonical-json";
import type { DemoStore, RawObject } from "../demo-store";
import { isCompletedPhase } from "./analysis-evaluate";
import { isControlledBy, parsed, REVISION_ANNOTATION } from "./kube-objects";
import { type Owner, ownedMetadata } from "./owned-objects";
import { terminateUnfinished } from "./terminate-unfinished";

type Arg = { name: string; value?: string; valueFrom?: AnalysisArg["valueFrom"] };

export class AnalysisSetupError extends Error {}

/** fieldpath.ExtractFieldPathAsString for metadata.*, else a plain walk of the object. */
export function fieldValue(object: unknown, path: string): string {
  const meta = (object as { metadata?: Record<string, unknown> }).metadata ?? {};
  const keyed = /^metadata\.(labels|annotations)\['([^']+)'\]$/.exec(path);
  if (keyed)
    return String(
      (meta[keyed[1] as string] as Record<string, string> | undefined)?.[keyed[2] as string] ?? "",
    );
  let current: unknown = object;
  for (const section of path.split(/[.[\]]+/).filter((s) => s !== "")) {
    if (Array.isArray(current)) current = current[Number(section)];
    else if (current && typeof current === "object") current = (current as Record<string, unknown>)[section];
    else current = undefined;
  }
  if (current === undefined || current === null || typeof current === "object") {
    throw new AnalysisSetupError(`invalid path ${path} in rollout`);
  }
  return String(current);
}

/** BuildArgumentsForRolloutAnalysisRun: every rollout arg becomes a plain value. */
export function buildRolloutArgs(
  args: readonly AnalysisArg[],
  owner: unknown,
  hashes: { latest: string; stable: string },
): Arg[] {
  return args.map((arg) => {
    let value = arg.value ?? "";
    const from = arg.valueFrom;
    if (from?.podTemplateHashValue === "Latest") value = hashes.latest;
    else if (from?.podTemplateHashValue === "Stable") value = hashes.stable;
    else if (from?.fieldRef?.fieldPath) value = fieldValue(owner, from.fieldRef.fieldPath);
    return { name: arg.name, value };
  });
}

/** FlattenTemplates + MergeArgs: the run's metrics and args, or why they cannot be built. */
export function runSpecFromTemplates(
  store: DemoStore,
  namespace: string,
  refs: RolloutAnalysis["templates"] | Array<{ templateName?: string | null; clusterScope?: boolean | null }>,
  incoming: readonly Arg[],
) {
  const templates: AnalysisTemplate[] = [];
  for (const ref of refs ?? []) {
    const kind = ref.clusterScope ? "ClusterAnalysisTemplate" : "AnalysisTemplate";
    const found = parsed(
      kind,
      store.get({ kind, namespace: ref.clusterScope ? "" : namespace, name: ref.templateName ?? "" }),
    );
    if (!found) throw new AnalysisSetupError(`${kind} '${ref.templateName}' not found`);
    templates.push(found);
  }
  const metrics = templates.flatMap((t) => t.spec.metrics ?? []);
  const seen = new Set<string>();
  for (const m of metrics) {
    if (seen.has(m.name)) throw new AnalysisSetupError(`two metrics have the same name '${m.name}'`);
    seen.add(m.name);
  }
  const args: Arg[] = [];
  for (const t of templates) {
    for (const a of t.spec.args ?? []) {
      const prev = args.find((x) => x.name === a.name);
      const next: Arg = {
        name: a.name,
        ...(a.value != null ? { value: a.value } : {}),
        ...(a.valueFrom ? { valueFrom: a.valueFrom } : {}),
      };
      if (!prev) args.push(next);
      else if (prev.value === undefined) Object.assign(prev, next);
    }
  }
  for (const arg of incoming) {
    const target = args.find((a) => a.name === arg.name);
    if (!target) continue;
    if (arg.value !== undefined) target.value = arg.value;
    else if (arg.valueFrom) target.valueFrom = arg.valueFrom;
  }
  for (const arg of args) {
    if (arg.value === undefined && !arg.valueFrom)
      throw new AnalysisSetupError(`args.${arg.name} was not resolved`);
  }
  const dryRun = templates.flatMap((t) => t.spec.dryRun ?? []);
  return { metrics, args, ...(dryRun.length > 0 ? { dryRun } : {}) };
}

export interface NewRun {
  owner: Owner;
  name: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  spec: ReturnType<typeof runSpecFromTemplates>;
}

/** CreateWithCollisionCounter: reuse an equal, unfinished run of ours, else take the next free name. */
export function createRunWithCollisionCounter(store: DemoStore, run: NewRun): AnalysisRun {
  const namespace = run.owner.metadata.namespace ?? "default";
  let name = run.name;
  for (let collision = 1; ; collision++) {
    const raw: RawObject = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "AnalysisRun",
      metadata: ownedMetadata(run.owner, name, run.labels, run.annotations ?? {}),
      spec: run.spec as unknown as Record<string, unknown>,
    };
    try {
      return parsed("AnalysisRun", store.create(raw)) as AnalysisRun;
    } catch (error) {
      if (!(error instanceof ClusterRequestError) || error.code !== "Conflict") throw error;
    }
    const existing = parsed("AnalysisRun", store.get({ kind: "AnalysisRun", namespace, name }));
    if (
      existing &&
      !isCompletedPhase(existing.status?.phase) &&
      isControlledBy(existing, run.owner.metadata.uid) &&
      canonicalJson({ m: existing.spec.metrics, a: existing.spec.args }) ===
        canonicalJson({ m: run.spec.metrics, a: run.spec.args })
    ) {
      return existing;
    }
    name = `${run.name}.${collision}`;
  }
}

/** The rollout's run: name, labels (incl. the selector's) and revision annotation as upstream. */
export function rolloutRunRequest(
  store: DemoStore,
  rollout: Owner & { spec: { selector?: { matchLabels?: Record<string, string> | null } | null } },
  analysis: RolloutAnalysis,
  hashes: { latest: string; stable: string },
  infix: string,
  labels: Record<string, string>,
): NewRun {
  const revision =
    (rollout.metadata as { annotations?: Record<string, string> | null }).annotations?.[
      REVISION_ANNOTATION
    ] ?? "";
  const args = buildRolloutArgs(analysis.args ?? [], rollout, hashes);
  const spec = runSpecFromTemplates(store, rollout.metadata.namespace ?? "default", analysis.templates, args);
  const name = [rollout.metadata.name, hashes.latest, revision, ...(infix ? [infix] : [])].join("-");
  return {
    owner: rollout,
    name,
    labels: { ...labels, ...(rollout.spec.selector?.matchLabels ?? {}) },
    annotations: { [REVISION_ANNOTATION]: revision },
    spec,
  };
}

/** cancelAnalysisRuns: `{"spec":{"terminate":true}}` on runs still going. */
export function terminateRuns(store: DemoStore, runs: ReadonlyArray<AnalysisRun | undefined>): void {
  terminateUnfinished(store, "AnalysisRun", runs);
}
