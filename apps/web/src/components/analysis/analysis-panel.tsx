"use client";
// Analysis inspection for one delivery: every Argo AnalysisRun (newest first, older ones folded) or
// every Flagger metric, drawn against thresholds, with the Prometheus series beside them and a real
// re-query. A revision picker shows past releases' analysis from the analysis record instead.
// Import through LazyAnalysisPanel: the charts pull in Recharts.
import type { DeliveryRef } from "@rollscope/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { isolate } from "../../lib/bidi-isolate";
import { useTRPC } from "../../lib/trpc";
import type { DeliveryDetailData } from "../charts/api-types";
import chartStyles from "../charts/charts.module.css";
import { formatClock } from "../charts/format";
import { useDeliverySeries } from "../charts/use-delivery-series";
import styles from "./analysis.module.css";
import { ArgoRunSection } from "./argo-run-section";
import { FlaggerMetrics } from "./flagger-metrics";
import { RecordedAnalysis } from "./recorded-analysis";
import { liveRelease, releaseOptions } from "./release-options";
import { VerdictLine } from "./verdict-line";

export interface AnalysisPanelProps {
  target: DeliveryRef;
  /** The deliveries.get answer (or the same shape from deliveries.watch). */
  detail: DeliveryDetailData;
}

// "" is a run the controller has not written a status for yet.
const activePhases = new Set(["", "Running", "Pending", "Inconclusive"]);

export function AnalysisPanel({ target, detail }: AnalysisPanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const series = useDeliverySeries(target);
  const [requery, setRequery] = useState<{ busy: boolean; at?: number; error?: string }>({ busy: false });
  const releases = useQuery({
    ...trpc.analysisRecord.releases.queryOptions(target),
    refetchInterval: 30_000,
  });
  const options = releaseOptions(releases.data ?? [], detail.delivery.uid);
  const [picked, setPicked] = useState(liveRelease);
  const pickerId = useId();
  const past = options.find((o) => o.value === picked)?.release;
  const currentCanaryRun = releases.data?.find((r) => r.current)?.runs.find((r) => r.kind === "Canary");

  const rerun = async () => {
    setRequery((r) => ({ ...r, busy: true }));
    try {
      // The answer lands in the deliveries.get cache entry the page reads its detail from (as the
      // stream's frames do), so it comes back here as `detail`.
      await Promise.all([
        queryClient.fetchQuery({ ...trpc.deliveries.get.queryOptions(target), staleTime: 0 }),
        series.refetch({ throwOnError: true }),
      ]);
      setRequery({ busy: false, at: Date.now() });
    } catch (e) {
      setRequery({ busy: false, error: e instanceof Error ? e.message : String(e) });
    }
  };

  const prometheus = series.data?.prometheus;
  const argo = detail.delivery.controller === "argo";
  const picker = (
    <span className={styles.picker}>
      <label htmlFor={pickerId}>Release</label>
      <select id={pickerId} value={past ? picked : liveRelease} onChange={(e) => setPicked(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {isolate(o.label)}
          </option>
        ))}
      </select>
      {releases.error ? (
        <span
          className={styles.muted}
        >{`Past releases could not be loaded: ${isolate(releases.error.message)}`}</span>
      ) : null}
    </span>
  );
  if (past)
    return (
      <div className={styles.root}>
        <div className={styles.toolbar}>{picker}</div>
        <RecordedAnalysis target={target} release={past} />
      </div>
    );
  return (
    <div className={styles.root}>
      <div className={styles.toolbar}>{picker}</div>
      <div className={styles.toolbar}>
        <span>
          {series.error
            ? `Prometheus series could not be loaded: ${isolate(series.error.message)}`
            : !prometheus
              ? "Asking Prometheus…"
              : prometheus.available
                ? `Prometheus: ${prometheus.url}`
                : `Prometheus unavailable: ${isolate(prometheus.reason)}`}
        </span>
        <span className={styles.queryActions}>
          <span role="status" className={styles.muted}>
            {requery.busy
              ? "Re-querying…"
              : requery.error
                ? `Re-query failed: ${isolate(requery.error)}`
                : requery.at
                  ? `Re-queried at ${formatClock(requery.at)}`
                  : ""}
          </span>
          <button
            type="button"
            className={chartStyles.button}
            onClick={rerun}
            disabled={requery.busy}
            title="Fetches the analysis and the Prometheus series again now. It does not start a new AnalysisRun."
          >
            Re-query now
          </button>
        </span>
      </div>
      {argo ? (
        detail.analysis.length === 0 ? (
          <p className={styles.empty}>
            No analysis runs for this rollout: it has no analysis steps or background analysis, or none has
            started yet.
          </p>
        ) : (
          detail.analysis.map((run, i) => (
            <ArgoRunSection
              key={run.name}
              run={run}
              series={series.data}
              open={i === 0 || activePhases.has(run.phase)}
            />
          ))
        )
      ) : (
        <>
          <FlaggerMetrics
            name={detail.delivery.ref.name}
            metrics={detail.flaggerMetrics}
            series={series.data}
            loadError={series.error?.message}
          />
          {/* Flagger keeps no run object: the verdict of the run in flight comes from the record. */}
          {currentCanaryRun ? (
            <VerdictLine text={currentCanaryRun.verdict} phase={currentCanaryRun.phase} />
          ) : null}
        </>
      )}
    </div>
  );
}
