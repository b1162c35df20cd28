"use client";
// Flagger's analysis metrics. Flagger keeps no measurement history, so each is drawn from Prometheus:
// the canary samples judged against the thresholds, the primary beside them.
import type { FlaggerMetricDetail } from "@rollscope/shared";
import { findMetricSeries } from "@rollscope/shared/analysis/metric-series";
import { flaggerMetricView } from "@rollscope/shared/analysis/metric-view";
import { isolate } from "../../lib/bidi-isolate";
import type { DeliverySeriesData } from "../charts/api-types";
import { ClusterText } from "../cluster-text";
import styles from "./analysis.module.css";
import { MetricCard } from "./metric-card";

/** Why a metric has nothing to draw, before looking at its samples. */
function emptyReason(
  m: FlaggerMetricDetail,
  series: DeliverySeriesData | undefined,
  loadError: string | undefined,
  failed: boolean,
) {
  if (loadError) return `The Prometheus series could not be loaded: ${isolate(loadError)}`;
  if (!series) return "Loading from Prometheus…";
  if (!series.prometheus.available) return "No values to draw without Prometheus (see above).";
  if (m.queryError) return `No values to draw: the query could not be rendered (${isolate(m.queryError)}).`;
  if (failed) return "Nothing to draw: the canary query failed (the error is above).";
  return "Prometheus returned no samples for this query in the last hour.";
}

export function FlaggerMetrics({
  name,
  metrics,
  series,
  loadError,
}: {
  name: string;
  metrics: readonly FlaggerMetricDetail[];
  series: DeliverySeriesData | undefined;
  loadError?: string | undefined;
}) {
  if (metrics.length === 0) return <p className={styles.empty}>This canary's analysis has no metrics.</p>;
  const prometheus = series?.prometheus;
  return (
    <div className={styles.root}>
      {prometheus && !prometheus.available ? (
        <p className={styles.empty} role="status">
          Flagger keeps no measurement history, so Rollscope draws these metrics from Prometheus, which is not
          available: <ClusterText>{prometheus.reason}</ClusterText>
        </p>
      ) : null}
      {metrics.map((m) => {
        const s = findMetricSeries(series?.metrics, m.name);
        return (
          <MetricCard
            key={m.name}
            view={flaggerMetricView(m, s, isolate)}
            context={`canary ${isolate(name)}`}
            prometheus={prometheus}
            emptyReason={emptyReason(m, series, loadError, s?.canary.ok === false)}
          />
        );
      })}
    </div>
  );
}
