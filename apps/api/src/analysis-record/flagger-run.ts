// One Flagger canary run (one lastAppliedSpec) as the record keeps it: the metric definitions with
// their thresholds, and a check per metric each time Rollscope sees the analysis move. Flagger keeps
// no per-check history of its own; the status only counts (failedChecks, iterations, weight), and
// the value that broke a bound is only in its "Halt … advancement" Warning Event, which is read here.
import {
  type Canary,
  canaryAnalysis,
  type Delivery,
  deliveryId,
  type FlaggerMetricDetail,
  flaggerMetricDetails,
  flaggerVerdict,
  thresholdLabels,
} from "@rollscope/shared";
import type { ClusterEntry } from "../runtime/cluster-registry";
import type { AnalysisRecordsTable } from "../store/tables";
import type { FlaggerCheck, FlaggerRecordBody } from "./record-body";

/** A long run is still one row: its oldest checks give way first. */
export const maxChecksPerRun = 500;

/** Phases in which no analysis of this spec has run (yet). */
const notAnalysing = new Set(["", "Initializing", "Initialized"]);

export interface FlaggerRunState {
  recordId: string;
  deliveryKey: string;
  deliveryUid: string;
  revision: string;
  name: string;
  phase: string;
  startedMs: number;
  metrics: FlaggerMetricDetail[];
  threshold: number;
  /** The most failed checks the run reached (Flagger may reset the count when it rolls back). */
  failedChecks: number;
  /** failedChecks as last seen, to tell when it goes up again. */
  lastFailedChecks: number;
  weight?: number;
  iterations?: number;
  checks: FlaggerCheck[];
  /** Whether checks recorded before this process started have been read back and merged. */
  merged: boolean;
}

/** What the canary's status says about the run in flight. */
interface Progress {
  phase: string;
  failedChecks: number;
  weight?: number;
  iterations?: number;
}

function progressOf(canary: Canary): Progress {
  const s = canary.status;
  return {
    phase: s?.phase ?? "",
    failedChecks: s?.failedChecks ?? 0,
    ...(s?.canaryWeight != null ? { weight: s.canaryWeight } : {}),
    ...(s?.iterations != null ? { iterations: s.iterations } : {}),
  };
}

/** How Flagger names a metric in its Halt message ("success rate" for the builtin Istio one). */
function spokenNames(metric: string): string[] {
  if (metric === "request-success-rate") return ["success rate", metric];
  if (metric === "request-duration") return ["request duration", metric];
  return [metric];
}

/** The failed check Flagger's newest Halt Event describes, if it names one of the metrics. */
function failedCheckFromEvents(
  entry: ClusterEntry,
  canary: Canary,
  metrics: FlaggerMetricDetail[],
  sinceMs: number,
): { metric: string; value?: string; threshold?: string; message: string } | undefined {
  const namespace = canary.metadata.namespace ?? "";
  const halts = entry.source.store
    .list("Event", namespace)
    .filter(
      (e) =>
        e.involvedObject.name === canary.metadata.name &&
        (e.involvedObject.kind ?? "Canary") === "Canary" &&
        e.type === "Warning" &&
        (e.message ?? "").startsWith("Halt "),
    )
    .map((e) => ({
      message: e.message ?? "",
      t: Date.parse(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? ""),
    }))
    .filter((e) => Number.isNaN(e.t) || e.t >= sinceMs - 1_000)
    .sort((a, b) => (b.t || 0) - (a.t || 0));
  for (const halt of halts) {
    for (const metric of metrics) {
      for (const spoken of spokenNames(metric.name)) {
        const at = halt.message.indexOf(`advancement ${spoken} `);
        if (at >= 0) {
          const rest = halt.message.slice(at + `advancement ${spoken} `.length);
          const parsed = /^(\S+) ([<>]=?) (\S+)$/.exec(rest);
          return {
            metric: metric.name,
            ...(parsed?.[1] ? { value: parsed[1] } : {}),
            ...(parsed?.[2] && parsed[3] ? { threshold: `${parsed[2]} ${parsed[3]}` } : {}),
            message: halt.message,
          };
        }
        if (halt.message.includes(`metric ${spoken}`) || halt.message.includes(`metric: ${spoken}`))
          return { metric: metric.name, message: halt.message };
      }
    }
  }
  return undefined;
}

/**
 * Brings the run's state up to the canary as it is now: starts a run for a new lastAppliedSpec, and
 * appends checks when the analysis moved. Returns the state when anything worth writing changed.
 */
export function advanceFlaggerRun(
  runs: Map<string, FlaggerRunState>,
  delivery: Delivery,
  entry: ClusterEntry,
  now: number,
): FlaggerRunState | undefined {
  const canary = entry.source.store.get("Canary", delivery.ref.namespace, delivery.ref.name);
  const spec = canary?.status?.lastAppliedSpec;
  if (!canary || !spec) return undefined;
  const progress = progressOf(canary);
  const uid = delivery.uid ?? canary.metadata.uid ?? "";
  const recordId = `${uid}/${spec}`;
  let state = runs.get(recordId);
  if (!state) {
    if (notAnalysing.has(progress.phase)) return undefined;
    const analysis = canaryAnalysis(canary);
    state = {
      recordId,
      deliveryKey: deliveryId(delivery.ref),
      deliveryUid: uid,
      revision: spec,
      name: canary.metadata.name,
      phase: progress.phase,
      startedMs: now,
      metrics: flaggerMetricDetails(canary, entry.source.store.list("MetricTemplate")),
      threshold: analysis.threshold && analysis.threshold > 0 ? analysis.threshold : 1,
      failedChecks: progress.failedChecks,
      lastFailedChecks: progress.failedChecks,
      ...(progress.weight !== undefined ? { weight: progress.weight } : {}),
      ...(progress.iterations !== undefined ? { iterations: progress.iterations } : {}),
      checks: [],
      merged: false,
    };
    runs.set(recordId, state);
    return state;
  }
  const failedMore = progress.failedChecks > state.lastFailedChecks;
  const advanced =
    (progress.weight ?? 0) > (state.weight ?? 0) || (progress.iterations ?? 0) > (state.iterations ?? 0);
  const phaseChanged = progress.phase !== state.phase;
  if (!failedMore && !advanced && !phaseChanged) return undefined;
  const at = new Date(now).toISOString();
  const counters = {
    ...(progress.weight !== undefined ? { weight: progress.weight } : {}),
    ...(progress.iterations !== undefined ? { iterations: progress.iterations } : {}),
    failedChecks: progress.failedChecks,
  };
  if (failedMore) {
    const failed = failedCheckFromEvents(
      entry,
      canary,
      state.metrics,
      state.checks.at(-1) ? Date.parse(state.checks.at(-1)?.at ?? "") : state.startedMs,
    );
    state.checks.push({
      metric: failed?.metric ?? "analysis",
      at,
      passed: false,
      ...(failed?.value ? { value: failed.value } : {}),
      ...(failed?.threshold ? { threshold: failed.threshold } : {}),
      ...(failed?.message ? { message: failed.message } : {}),
      ...counters,
    });
  } else if (advanced) {
    for (const metric of state.metrics) {
      const threshold = thresholdLabels(metric.thresholds);
      state.checks.push({
        metric: metric.name,
        at,
        passed: true,
        ...(threshold ? { threshold } : {}),
        ...counters,
      });
    }
  }
  if (state.checks.length > maxChecksPerRun) state.checks.splice(0, state.checks.length - maxChecksPerRun);
  state.phase = progress.phase;
  state.failedChecks = Math.max(state.failedChecks, progress.failedChecks);
  state.lastFailedChecks = progress.failedChecks;
  if (progress.weight !== undefined) state.weight = progress.weight;
  if (progress.iterations !== undefined) state.iterations = progress.iterations;
  return state;
}

export function flaggerRow(state: FlaggerRunState, now: number): AnalysisRecordsTable {
  const body: FlaggerRecordBody = {
    metrics: state.metrics,
    threshold: state.threshold,
    failedChecks: state.failedChecks,
    ...(state.weight !== undefined ? { weight: state.weight } : {}),
    ...(state.iterations !== undefined ? { iterations: state.iterations } : {}),
    checks: state.checks,
  };
  return {
    record_id: state.recordId,
    delivery_key: state.deliveryKey,
    delivery_uid: state.deliveryUid,
    revision: state.revision,
    kind: "Canary",
    name: state.name,
    phase: state.phase,
    started_ms: state.startedMs,
    updated_ms: now,
    verdict: flaggerVerdict({
      phase: state.phase,
      metrics: state.metrics.length,
      checks: state.checks,
      failedChecks: state.failedChecks,
      threshold: state.threshold,
    }),
    body: JSON.stringify(body),
  };
}
