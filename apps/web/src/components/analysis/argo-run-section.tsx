"use client";
// One Argo AnalysisRun: phase, role and message in a collapsible header, then each metric, then its
// verdict. Also draws a recorded run (from the analysis record), read-only and without series.
import { type AnalysisRunDetail, analysisVerdict } from "@rollscope/shared";
import { findMetricSeries } from "@rollscope/shared/analysis/metric-series";
import { argoMetricView } from "@rollscope/shared/analysis/metric-view";
import { isolate } from "../../lib/bidi-isolate";
import type { DeliverySeriesData } from "../charts/api-types";
import { formatDateTime, parseTime } from "../charts/format";
import { ClusterText } from "../cluster-text";
import styles from "./analysis.module.css";
import { MetricCard } from "./metric-card";
import { AwaitingPersonBadge, PhaseBadge } from "./phase-badge";
import { VerdictLine } from "./verdict-line";

const roleWords: Record<AnalysisRunDetail["role"], string> = {
  step: "Step analysis",
  background: "Background analysis",
  prePromotion: "Pre-promotion analysis",
  postPromotion: "Post-promotion analysis",
  experiment: "Experiment analysis",
  flagger: "Flagger analysis",
};

export function ArgoRunSection({
  run,
  series,
  open,
  verdict,
  recordedNote,
}: {
  run: AnalysisRunDetail;
  series: DeliverySeriesData | undefined;
  /** Open at first (the newest run, or one still running or waiting). */
  open: boolean;
  /** The verdict as recorded; a live run's is worked out from the run itself. */
  verdict?: string | undefined;
  /** Set for a run read from the analysis record: says so in its header. */
  recordedNote?: string | undefined;
}) {
  const started = parseTime(run.startedAt);
  const completed = parseTime(run.completedAt);
  const prometheus = series?.prometheus;
  return (
    <details className={styles.run} open={open}>
      <summary>
        <span className={styles.runName}>
          <ClusterText>{run.name}</ClusterText>
        </span>
        <span className={styles.role}>{roleWords[run.role]}</span>
        <PhaseBadge phase={run.phase} />
        {run.phase === "Inconclusive" && !recordedNote ? <AwaitingPersonBadge /> : null}
        <span className={styles.muted}>
          {started !== undefined ? `started ${formatDateTime(started)}` : "not started"}
          {completed !== undefined ? `, completed ${formatDateTime(completed)}` : ""}
        </span>
        {recordedNote ? <span className={styles.role}>{recordedNote}</span> : null}
      </summary>
      <div className={styles.runBody}>
        {run.message ? (
          <p className={styles.message}>
            <ClusterText>{run.message}</ClusterText>
          </p>
        ) : null}
        {run.metrics.length === 0 ? <p className={styles.empty}>This run has no metrics.</p> : null}
        {run.metrics.map((m) => {
          const s = findMetricSeries(series?.metrics, m.name, run.name);
          return (
            <MetricCard
              key={m.name}
              view={argoMetricView(m, s, isolate)}
              context={`run ${isolate(run.name)}`}
              prometheus={prometheus}
            />
          );
        })}
        <VerdictLine text={verdict ?? analysisVerdict(run)} phase={run.phase} />
      </div>
    </details>
  );
}
