// Rows for the AnalysisRuns and Experiments of one Rollout, chosen exactly as the delivery detail
// chooses them (DeliveryIndex.rolloutObjects) and described with the same argoAnalysisRunDetail.
import {
  type AnalysisRun,
  analysisVerdict,
  argoAnalysisRunDetail,
  type Delivery,
  deliveryId,
  type Experiment,
  experimentVerdict,
} from "@rollscope/shared";
import { podTemplateHashLabel } from "@rollscope/shared/argo/rollout-revisions";
import type { ClusterEntry } from "../runtime/cluster-registry";
import type { AnalysisRecordsTable } from "../store/tables";
import type { ArgoRecordBody } from "./record-body";

/** A run or experiment of the Rollout, with the resourceVersion its row would record. */
export interface ArgoCandidate {
  recordId: string;
  version: string;
  build(now: number): AnalysisRecordsTable;
}

function timeMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** The objects a Rollout delivery's analysis is made of, each able to build its row on demand. */
export function argoCandidates(delivery: Delivery, entry: ClusterEntry): ArgoCandidate[] {
  const { namespace, name } = delivery.ref;
  const rollout = entry.source.store.get("Rollout", namespace, name);
  if (!rollout) return [];
  const objects = entry.index.rolloutObjects(rollout);
  const key = deliveryId(delivery.ref);
  const deliveryUid = delivery.uid ?? rollout.metadata.uid ?? "";
  const currentHash = delivery.observed.podHash ?? "";
  const roles = new Map(delivery.analysisRuns.map((r) => [r.name, r.role]));
  const runs = objects.analysisRuns.map(
    (run): ArgoCandidate => ({
      recordId: run.metadata.uid ?? `${key}/AnalysisRun/${run.metadata.name}`,
      version: run.metadata.resourceVersion ?? JSON.stringify(run.status ?? {}),
      build: (now) => runRow(run, roles.get(run.metadata.name) ?? "step", key, deliveryUid, currentHash, now),
    }),
  );
  const experiments = objects.experiments.map(
    (experiment): ArgoCandidate => ({
      recordId: experiment.metadata.uid ?? `${key}/Experiment/${experiment.metadata.name}`,
      version: experiment.metadata.resourceVersion ?? JSON.stringify(experiment.status ?? {}),
      build: (now) => experimentRow(experiment, key, deliveryUid, currentHash, now),
    }),
  );
  return [...runs, ...experiments];
}

function runRow(
  run: AnalysisRun,
  role: ArgoRecordBody["role"],
  deliveryKey: string,
  deliveryUid: string,
  currentHash: string,
  now: number,
): AnalysisRecordsTable {
  const detail = argoAnalysisRunDetail(run, role);
  const body: ArgoRecordBody = { role, detail };
  return {
    record_id: run.metadata.uid ?? `${deliveryKey}/AnalysisRun/${run.metadata.name}`,
    delivery_key: deliveryKey,
    delivery_uid: deliveryUid,
    revision: run.metadata.labels?.[podTemplateHashLabel] ?? currentHash,
    kind: "AnalysisRun",
    name: run.metadata.name,
    phase: detail.phase,
    started_ms: timeMs(run.status?.startedAt ?? run.metadata.creationTimestamp),
    updated_ms: now,
    verdict: analysisVerdict(detail),
    body: JSON.stringify(body),
  };
}

function experimentRow(
  experiment: Experiment,
  deliveryKey: string,
  deliveryUid: string,
  currentHash: string,
  now: number,
): AnalysisRecordsTable {
  const status = experiment.status;
  const phase = status?.phase || "Pending";
  const analyses = (status?.analysisRuns ?? []).map((a) => ({
    name: a.name,
    ...(a.analysisRun ? { analysisRun: a.analysisRun } : {}),
    ...(a.phase ? { phase: a.phase } : {}),
  }));
  const startedAt = status?.availableAt ?? experiment.metadata.creationTimestamp ?? undefined;
  const body: ArgoRecordBody = {
    role: "experiment",
    // An Experiment's measurements live in its own AnalysisRuns, recorded as rows of their own.
    detail: {
      name: experiment.metadata.name,
      role: "experiment",
      phase,
      ...(status?.message ? { message: status.message } : {}),
      ...(startedAt ? { startedAt } : {}),
      metrics: [],
    },
    experiment: {
      templates: (status?.templateStatuses ?? []).map((t) => ({
        name: t.name,
        ...(t.status ? { status: t.status } : {}),
      })),
      analyses,
    },
  };
  return {
    record_id: experiment.metadata.uid ?? `${deliveryKey}/Experiment/${experiment.metadata.name}`,
    delivery_key: deliveryKey,
    delivery_uid: deliveryUid,
    revision: experiment.metadata.labels?.[podTemplateHashLabel] ?? currentHash,
    kind: "Experiment",
    name: experiment.metadata.name,
    phase,
    started_ms: timeMs(startedAt),
    updated_ms: now,
    verdict: experimentVerdict({
      phase,
      ...(status?.message ? { message: status.message } : {}),
      analyses,
    }),
    body: JSON.stringify(body),
  };
}
