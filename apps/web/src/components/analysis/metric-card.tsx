"use client";
// One metric, Argo or Flagger: phase, budget, chart or table, why anything is missing, and its query.
import { useId, useState } from "react";
import { isolate } from "../../lib/bidi-isolate";
import { ClusterText } from "../cluster-text";
import styles from "./analysis.module.css";
import { MetricChart } from "./metric-chart";
import { MetricLegend } from "./metric-chart-parts";
import { MetricTable } from "./metric-table";
import type { MetricView } from "./metric-view-data";
import { AwaitingPersonBadge, PhaseBadge } from "./phase-badge";
import { QueryBlock } from "./query-block";

export interface MetricCardProps {
  /** The metric's name (from the cluster); `context`, `provider` and `emptyReason` arrive isolated. */
  name: string;
  /** Where the metric belongs, for accessible names: "run myapp-55bdff45cb-2" or "canary podinfo". */
  context: string;
  phase?: string | undefined;
  message?: string | undefined;
  view: MetricView;
  budgetText: string;
  awaitingPerson: boolean;
  dryRun?: boolean | undefined;
  provider: string;
  query?: string | undefined;
  queryHref?: string | undefined;
  stableQuery?: string | undefined;
  stableQueryHref?: string | undefined;
  queryError?: string | undefined;
  /** Name of Prometheus' canary series on the chart; omitted leaves it out. */
  canaryLabel?: string | undefined;
  stableLabel: string;
  /** Argo keeps raw value strings; Flagger samples have none. */
  showRaw: boolean;
  /** Why there is nothing to draw (e.g. no Prometheus); shown instead of an empty chart. */
  emptyReason?: string | undefined;
}

export function MetricCard(props: MetricCardProps) {
  const { name, context, view, stableLabel } = props;
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
        {props.phase ? <PhaseBadge phase={props.phase} /> : null}
        {props.awaitingPerson ? <AwaitingPersonBadge /> : null}
        {props.dryRun ? <span className={styles.role}>dry run: failures do not count</span> : null}
        <span className={styles.muted}>{props.provider}</span>
        <span className={styles.spacer} />
        <span className={styles.muted}>Failure budget: {props.budgetText}</span>
        <span className={styles.segmented}>
          <button
            type="button"
            className={styles.button}
            aria-pressed={mode === "chart"}
            onClick={() => setMode("chart")}
            aria-label={`Show ${name} as a chart`}
          >
            Chart
          </button>
          <button
            type="button"
            className={styles.button}
            aria-pressed={mode === "table"}
            onClick={() => setMode("table")}
            aria-label={`Show ${name} as a table`}
          >
            Table
          </button>
        </span>
      </div>
      {props.awaitingPerson ? (
        <p className={styles.hint}>
          Inconclusive: the measurement met neither condition, so the controller is waiting for a person.
          Promote accepts the result and continues; Abort rolls back.
        </p>
      ) : null}
      {props.message ? (
        <p className={styles.message}>
          <ClusterText>{props.message}</ClusterText>
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
        <p className={styles.empty}>{props.emptyReason ?? "No measurements yet."}</p>
      ) : mode === "chart" ? (
        <>
          <MetricLegend view={view} canaryLabel={props.canaryLabel} stableLabel={stableLabel} />
          <MetricChart
            view={view}
            label={chartLabel}
            summaryId={summaryId}
            canaryLabel={props.canaryLabel}
            stableLabel={stableLabel}
          />
        </>
      ) : (
        <MetricTable
          rows={[...view.rows].reverse()}
          caption={`${name} measurements, newest first`}
          stableLabel={stableLabel}
          showRaw={props.showRaw}
        />
      )}
      {props.queryError ? (
        <p className={styles.hint}>
          Query could not be rendered: <ClusterText>{props.queryError}</ClusterText>
        </p>
      ) : null}
      {props.query ? (
        <QueryBlock
          label={`PromQL for ${isolate(name)}`}
          query={props.query}
          prometheusHref={props.queryHref}
        />
      ) : !props.queryError ? (
        <p className={styles.muted}>Provider {props.provider}: no PromQL to show.</p>
      ) : null}
      {props.stableQuery ? (
        <details>
          <summary className={styles.muted}>{stableLabel} query</summary>
          <QueryBlock
            label={`PromQL for ${isolate(name)} (${stableLabel.toLowerCase()})`}
            query={props.stableQuery}
            prometheusHref={props.stableQueryHref}
          />
        </details>
      ) : null}
    </section>
  );
}
