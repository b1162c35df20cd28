"use client";
// A past release's analysis as the analysis record kept it: the same run and metric views as live
// runs, read-only (no series, no re-query), each ending in its recorded verdict, and marked as
// recorded, with whether the objects still exist in the cluster.
import { type DeliveryRef, thresholdLabels } from "@rollscope/shared";
import { flaggerMetricView } from "@rollscope/shared/analysis/metric-view";
import { useQuery } from "@tanstack/react-query";
import type { RouterOutputs } from "../../lib/api-types";
import { isolate } from "../../lib/bidi-isolate";
import { useTRPC } from "../../lib/trpc";
import { DataTable } from "../charts/data-table";
import { formatDateTime, parseTime } from "../charts/format";
import { ClusterText } from "../cluster-text";
import styles from "./analysis.module.css";
import { ArgoRunSection } from "./argo-run-section";
import { providerWords } from "./metric-card";
import { PhaseBadge } from "./phase-badge";
import { QueryBlock } from "./query-block";
import type { RecordedReleaseData } from "./release-options";
import { VerdictLine } from "./verdict-line";

type RecordedRunsData = RouterOutputs["analysisRecord"]["runs"];
type RecordedArgoRunData = RecordedRunsData["runs"][number];
type RecordedCanaryRunData = RecordedRunsData["canaryRuns"][number];

function recordedNote(live: boolean, what: string): string {
  return live ? "recorded; still in the cluster" : `recorded; the ${what} no longer exists in the cluster`;
}

function ExperimentSection({ run }: { run: RecordedArgoRunData }) {
  const started = parseTime(run.startedAt);
  return (
    <details className={styles.run}>
      <summary>
        <span className={styles.runName}>
          <ClusterText>{run.name}</ClusterText>
        </span>
        <span className={styles.role}>Experiment</span>
        <PhaseBadge phase={run.phase} />
        <span className={styles.muted}>
          {started !== undefined ? `started ${formatDateTime(started)}` : "not started"}
        </span>
        <span className={styles.role}>{recordedNote(run.live, "Experiment")}</span>
      </summary>
      <div className={styles.runBody}>
        {run.detail.message ? (
          <p className={styles.message}>
            <ClusterText>{run.detail.message}</ClusterText>
          </p>
        ) : null}
        <ul className={styles.notes}>
          {(run.experiment?.templates ?? []).map((t) => (
            <li key={`t-${t.name}`}>
              Template <ClusterText>{t.name}</ClusterText>
              {t.status ? (
                <>
                  : <ClusterText>{t.status}</ClusterText>
                </>
              ) : null}
            </li>
          ))}
          {(run.experiment?.analyses ?? []).map((a) => (
            <li key={`a-${a.name}`}>
              Analysis <ClusterText>{a.name}</ClusterText>
              {a.analysisRun ? (
                <>
                  {" "}
                  (run <ClusterText>{a.analysisRun}</ClusterText>)
                </>
              ) : null}
              : <ClusterText>{a.phase ?? "Pending"}</ClusterText>
            </li>
          ))}
        </ul>
        <VerdictLine text={run.verdict} phase={run.phase} />
      </div>
    </details>
  );
}

function CanaryRunSection({ run }: { run: RecordedCanaryRunData }) {
  const started = parseTime(run.startedAt);
  const failed = run.checks.filter((c) => !c.passed).length;
  return (
    <details className={styles.run} open>
      <summary>
        <span className={styles.runName}>
          Canary run <ClusterText>{run.name}</ClusterText>
        </span>
        <PhaseBadge phase={run.phase} />
        <span className={styles.muted}>
          {started !== undefined ? `started ${formatDateTime(started)}` : ""}
          {`, last seen ${formatDateTime(Date.parse(run.updatedAt))}`}
        </span>
        <span className={styles.role}>
          {run.live
            ? "recorded; still the canary's current run"
            : "recorded; Flagger has moved on from this run"}
        </span>
      </summary>
      <div className={styles.runBody}>
        <p className={styles.muted}>
          {`${failed} of ${run.threshold} failed checks before rollback. Flagger reports a value only for a check that fails; passing checks are recorded without one.`}
        </p>
        {run.metrics.map((m) => {
          const view = flaggerMetricView(m, undefined, isolate);
          const thresholds = thresholdLabels(m.thresholds);
          return (
            <div key={view.name} className={styles.metric}>
              <div className={styles.metricHeader}>
                <h4 className={styles.metricName}>
                  <ClusterText>{view.name}</ClusterText>
                </h4>
                <span className={styles.muted}>
                  {providerWords(view)}
                  {thresholds ? `; ${thresholds}` : ""}
                </span>
              </div>
              {view.query ? <QueryBlock label="PromQL (canary)" query={view.query} /> : null}
            </div>
          );
        })}
        {run.checks.length === 0 ? (
          <p className={styles.empty}>No check was seen for this run.</p>
        ) : (
          <DataTable
            caption={`Checks of canary run ${isolate(run.name)} as Rollscope saw them`}
            captionVisible
            columns={["Time", "Metric", "Outcome", "Value", "Threshold", "Weight"]}
          >
            {run.checks.map((c) => (
              <tr
                key={`${c.at}/${c.metric}/${c.passed}`}
                className={c.passed ? undefined : styles.firstFailing}
              >
                <td className={styles.nowrap}>{formatDateTime(Date.parse(c.at))}</td>
                <td>
                  <ClusterText>{c.metric}</ClusterText>
                </td>
                <td>{c.passed ? "passed" : "failed"}</td>
                <td>{c.value ? <ClusterText>{c.value}</ClusterText> : "—"}</td>
                <td>{c.threshold ? <ClusterText>{c.threshold}</ClusterText> : "—"}</td>
                <td>{c.weight !== undefined ? `${c.weight}%` : "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <VerdictLine text={run.verdict} phase={run.phase} />
      </div>
    </details>
  );
}

export function RecordedAnalysis({ target, release }: { target: DeliveryRef; release: RecordedReleaseData }) {
  const trpc = useTRPC();
  const runs = useQuery(
    trpc.analysisRecord.runs.queryOptions({
      target,
      revision: release.revision,
      deliveryUid: release.deliveryUid,
    }),
  );
  const what = target.kind === "Rollout" ? "AnalysisRun" : "canary run";
  return (
    <div className={styles.root}>
      <p className={styles.recorded} role="status">
        {`Recorded analysis of revision ${isolate(release.revision)}, ${formatDateTime(release.from)} to ${formatDateTime(release.to)}. `}
        {release.live
          ? "Some of its runs still exist in the cluster; this is what Rollscope recorded."
          : `Recorded; the ${what} no longer exists in the cluster.`}
      </p>
      {runs.error ? (
        <p className={styles.empty}>
          The recorded analysis could not be loaded: {isolate(runs.error.message)}
        </p>
      ) : !runs.data ? (
        <p className={styles.empty}>Loading the recorded analysis…</p>
      ) : (
        <>
          {runs.data.runs.map((run, i) =>
            run.kind === "Experiment" ? (
              <ExperimentSection key={run.recordId} run={run} />
            ) : (
              <ArgoRunSection
                key={run.recordId}
                run={run.detail}
                series={undefined}
                open={i === 0}
                verdict={run.verdict}
                recordedNote={recordedNote(run.live, "AnalysisRun")}
              />
            ),
          )}
          {runs.data.canaryRuns.map((run) => (
            <CanaryRunSection key={run.recordId} run={run} />
          ))}
          {runs.data.runs.length + runs.data.canaryRuns.length === 0 ? (
            <p className={styles.empty}>Nothing is recorded for this revision.</p>
          ) : null}
          {runs.data.unreadable > 0 ? (
            <p className={styles.muted}>{`${runs.data.unreadable} recorded runs could not be read.`}</p>
          ) : null}
        </>
      )}
    </div>
  );
}
