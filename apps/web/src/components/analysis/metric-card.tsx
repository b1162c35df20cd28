"use client";
// One metric, Argo or Flagger: phase, budget, chart or table, why anything is missing, and its query.
import type { MetricView } from "@rollscope/shared/analysis/metric-view";
import { formatSeconds } from "@rollscope/shared/time/go-duration";
import { useId, useState } from "react";
import { isolate } from "../../lib/bidi-isolate";
import type { DeliverySeriesData } from "../charts/api-types";
import chartStyles from "../charts/charts.module.css";
import { ClusterText } from "../cluster-text";
import styles from "./analysis.module.css";
import { MetricChart } from "./metric-chart";
import { MetricLegend } from "./metric-chart-parts";
import { MetricTable } from "./metric-table";
import { AwaitingPersonBadge, PhaseBadge } from "./phase-badge";
import { prometheusLink } from "./prometheus-link";
import { QueryBlock } from "./query-block";

export interface MetricCardProps {
  /** The metric, its measurements and its series as the page shows them. */
  view: MetricView;
  /** Where the metric belongs, for accessible names ("run myapp-55bdff45cb-2"), isolated. */
  context: string;
  /** Prometheus as metrics.series found it: the queries link into it when it is available. */
  prometheus: DeliverySeriesData["prometheus"] | undefined;
  /** Why there is nothing to draw (e.g. no Prometheus), isolated; shown instead of an empty chart. */
  emptyReason?: string | undefined;
}

/** "prometheus", or for Flagger "istio (builtin), checked every 30s over 1m" (the provider isolated). */
export function providerWords({ provider, cadence }: Pick<MetricView, "provider" | "cadence">): string {
  if (!cadence) return isolate(provider);
  const duration = (seconds: number) => formatSeconds(seconds, { separator: " " });
  return `${isolate(provider)}, checked every ${duration(cadence.checkEverySeconds)} over ${duration(cadence.windowSeconds)}`;
}

export function MetricCard({ view, context, prometheus, emptyReason }: MetricCardProps) {
  const { name, stableLabel } = view;
  const provider = providerWords(view);
  const [mode, setMode] = useState<"chart" | "table">("chart");
  const headingId = useId();
  const summaryId = useId();
  const nothing = view.rows.length === 0 && view.canary.length === 0 && view.stable.length === 0;
  const chartLabel = `${isolate(name)} (${context}) over time`;
  return (
    <section className={styles.metric} aria-labelledby={headingId}>
      <div className={styles.metricHeader}>
        <h4 className={styles.metricName} id={headingId}>
          <ClusterText>{name}</ClusterText>
        </h4>
        {view.phase ? <PhaseBadge phase={view.phase} /> : null}
        {view.awaitingPerson ? <AwaitingPersonBadge /> : null}
        {view.dryRun ? <span className={styles.role}>dry run: failures do not count</span> : null}
        <span className={styles.muted}>{provider}</span>
        <span className={styles.spacer} />
        <span className={styles.muted}>Failure budget: {view.budgetText}</span>
        <span className={chartStyles.segmented}>
          <button
            type="button"
            className={chartStyles.button}
            aria-pressed={mode === "chart"}
            onClick={() => setMode("chart")}
            aria-label={`Show ${name} as a chart`}
          >
            Chart
          </button>
          <button
            type="button"
            className={chartStyles.button}
            aria-pressed={mode === "table"}
            onClick={() => setMode("table")}
            aria-label={`Show ${name} as a table`}
          >
            Table
          </button>
        </span>
      </div>
      {view.awaitingPerson ? (
        <p className={styles.hint}>
          Inconclusive: the measurement met neither condition, so the controller is waiting for a person.
          Promote accepts the result and continues; Abort rolls back.
        </p>
      ) : null}
      {view.message ? (
        <p className={styles.message}>
          <ClusterText>{view.message}</ClusterText>
        </p>
      ) : null}
      <p id={summaryId} className={styles.muted}>
        {view.summary}
      </p>
      {view.notes.length > 0 ? (
        <ul className={styles.notes}>
          {view.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      {nothing ? (
        <p className={styles.empty}>{emptyReason ?? "No measurements yet."}</p>
      ) : mode === "chart" ? (
        <>
          <MetricLegend view={view} />
          <MetricChart view={view} label={chartLabel} summaryId={summaryId} />
        </>
      ) : (
        <MetricTable
          rows={[...view.rows].reverse()}
          caption={`${name} measurements, newest first`}
          stableLabel={stableLabel}
          showRaw={view.showRaw}
        />
      )}
      {view.queryError ? (
        <p className={styles.hint}>
          Query could not be rendered: <ClusterText>{view.queryError}</ClusterText>
        </p>
      ) : null}
      {view.query ? (
        <QueryBlock
          label={`PromQL for ${isolate(name)}`}
          query={view.query}
          prometheusHref={prometheusLink(prometheus, view.query)}
        />
      ) : !view.queryError ? (
        <p className={styles.muted}>Provider {provider}: no PromQL to show.</p>
      ) : null}
      {view.stableQuery ? (
        <details>
          <summary className={styles.muted}>{stableLabel} query</summary>
          <QueryBlock
            label={`PromQL for ${isolate(name)} (${stableLabel.toLowerCase()})`}
            query={view.stableQuery}
            prometheusHref={prometheusLink(prometheus, view.stableQuery)}
          />
        </details>
      ) : null}
    </section>
  );
}
