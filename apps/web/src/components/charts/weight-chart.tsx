"use client";
// Desired canary weight over time (a step line from the recorded history, extended to now), the
// observed canary share from Prometheus over it, markers for what happened, and a "now" line. Polls
// so it moves while the page is open. When an object with the same name existed before (deleted and
// re-created, or history imported from the previous version), a small list switches the chart to
// that earlier object's history, clearly labelled as such. Import through LazyWeightChart: this file
// pulls in Recharts.
import type { Delivery, DeliveryRef } from "@rollscope/shared";
import { samplePoints } from "@rollscope/shared/analysis/metric-series";
import { useQuery } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useTRPC } from "../../lib/trpc";
import { ClusterText } from "../cluster-text";
import { useNow } from "../relative-time";
import type { HistoryMarkerKind } from "./api-types";
import styles from "./charts.module.css";
import { formatClock, formatDateTime } from "./format";
import { timeTicks } from "./scale-ticks";
import { useDeliverySeries } from "./use-delivery-series";
import {
  lifeLabel,
  lifeWindow,
  trafficNote,
  type WeightRow,
  weightMarkers,
  weightRows,
  weightSummary,
  weightWindow,
} from "./weight-chart-data";
import { MarkerSymbol, WeightLegend, WeightTooltipBody } from "./weight-chart-parts";
import { WeightTable } from "./weight-table";

const HISTORY_REFRESH_MS = 5_000;
// Marker symbols stack downwards from the top edge, this many percentage points apart.
const MARKER_STEP = 7;
const axisTick = { fill: "var(--muted)", fontSize: 11 };

export interface WeightChartProps {
  target: DeliveryRef;
  /** The live delivery: its current weights extend the line to now; maxWeight draws a limit line. */
  delivery: Pick<Delivery, "setWeight" | "actualWeight" | "maxWeight">;
}

export function WeightChart({ target, delivery }: WeightChartProps) {
  const trpc = useTRPC();
  const current = useQuery(
    trpc.history.get.queryOptions({ target }, { refetchInterval: HISTORY_REFRESH_MS, staleTime: 2_000 }),
  );
  const earlierLives = current.data?.earlierLives ?? [];
  // An earlier object's history, when one is picked; its history no longer changes.
  const [earlierUid, setEarlierUid] = useState<string | undefined>(undefined);
  const earlierLife = earlierLives.find((l) => l.uid === earlierUid);
  const earlier = useQuery({
    ...trpc.history.get.queryOptions({ target, uid: earlierUid ?? "" }, { staleTime: 60_000 }),
    enabled: earlierLife !== undefined,
  });
  const history = earlierLife ? earlier : current;
  const series = useDeliverySeries(target);
  const now = useNow(HISTORY_REFRESH_MS);
  const [showAll, setShowAll] = useState(false);
  const titleId = useId();
  const summaryId = useId();
  const livesId = useId();

  const points = history.data?.points ?? [];
  // Prometheus and the live weights describe the object as it is now, never an earlier one.
  const samples =
    !earlierLife && series.data?.traffic?.canaryShare.ok ? series.data.traffic.canaryShare.value : undefined;
  const span = useMemo(
    () =>
      earlierLife
        ? lifeWindow(earlierLife)
        : weightWindow(
            points,
            samplePoints(samples).map((s) => s.t),
            now,
            showAll,
          ),
    [earlierLife, points, samples, now, showAll],
  );
  const rows = useMemo(
    () =>
      weightRows(
        points,
        earlierLife ? undefined : { setWeight: delivery.setWeight, actualWeight: delivery.actualWeight },
        samples,
        span,
      ),
    [earlierLife, points, samples, span, delivery.setWeight, delivery.actualWeight],
  );
  const markers = useMemo(() => weightMarkers(points, span), [points, span]);
  const kinds = useMemo(() => new Set<HistoryMarkerKind>(markers.map((m) => m.kind)), [markers]);
  const note = earlierLife ? undefined : trafficNote(series.data, series.error?.message);
  const observed = rows.some((r) => r.observed !== undefined);
  const summary = weightSummary(rows, markers, span);

  return (
    <section className={styles.root} aria-labelledby={titleId}>
      <div className={styles.header}>
        <h3 className="visually-hidden" id={titleId}>
          Canary weight over time
        </h3>
        {earlierLife ? (
          <span className={styles.range}>
            Earlier object with this name, {formatDateTime(earlierLife.from)} –{" "}
            {formatDateTime(earlierLife.to)}
          </span>
        ) : (
          <span className={styles.range}>
            {showAll ? "All recorded history" : "Current revision or last hour"}, {formatClock(span.start)} –
            now
          </span>
        )}
        {earlierLife ? null : (
          <button
            type="button"
            className={styles.button}
            aria-pressed={showAll}
            onClick={() => setShowAll((v) => !v)}
            title="By default the chart starts at the current revision or one hour ago, whichever is later"
          >
            Show all history
          </button>
        )}
      </div>
      {earlierLives.length > 0 ? (
        <div className={styles.header}>
          <label className={styles.range} htmlFor={livesId}>
            Earlier object with this name:
          </label>
          <select
            id={livesId}
            className={styles.button}
            value={earlierLife?.uid ?? ""}
            onChange={(e) => setEarlierUid(e.target.value === "" ? undefined : e.target.value)}
          >
            <option value="">None: the object as it exists now</option>
            {[...earlierLives].reverse().map((life) => (
              <option key={life.uid} value={life.uid}>
                {lifeLabel(life)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {earlierLife ? (
        <p className={styles.note} role="status">
          Showing the history of an earlier object that had this name
          {earlierLife.uid.startsWith("legacy:") ? " (recorded by the previous version of Rollscope)" : ""},
          not the one that exists now.{" "}
          <button type="button" className={styles.button} onClick={() => setEarlierUid(undefined)}>
            Back to the current object
          </button>
        </p>
      ) : null}
      <WeightLegend kinds={kinds} observed={observed} />
      {note ? (
        <p className={styles.note} role="status">
          {note}
        </p>
      ) : null}
      {history.error ? (
        <p className={styles.note} role="alert">
          Weight history could not be loaded: <ClusterText>{history.error.message}</ClusterText>. Retrying
          every {HISTORY_REFRESH_MS / 1000} s.
        </p>
      ) : null}
      <figure className={styles.plot} aria-labelledby={titleId} aria-describedby={summaryId}>
        {history.isPending ? (
          <div className={styles.placeholder}>Loading weight history…</div>
        ) : (
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 260 }}>
            <ComposedChart
              data={rows}
              margin={{ top: 14, right: 16, bottom: 4, left: 0 }}
              title="Canary weight over time"
              desc={summary}
            >
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={[span.start, span.end]}
                allowDataOverflow
                tickFormatter={formatClock}
                tick={axisTick}
                stroke="var(--border)"
                ticks={timeTicks(span.start, span.end)}
              />
              <YAxis
                domain={[0, 100]}
                ticks={[0, 25, 50, 75, 100]}
                tickFormatter={(v: number) => `${v}%`}
                tick={axisTick}
                stroke="var(--border)"
                width={44}
                allowDataOverflow
              />
              <Tooltip
                content={({ payload }) => (
                  <WeightTooltipBody row={payload?.[0]?.payload as WeightRow | undefined} />
                )}
                cursor={{ stroke: "var(--muted)", strokeDasharray: "2 2" }}
                isAnimationActive={false}
              />
              {!earlierLife && delivery.maxWeight > 0 && delivery.maxWeight < 100 ? (
                <ReferenceLine
                  y={delivery.maxWeight}
                  stroke="var(--muted)"
                  strokeDasharray="6 4"
                  label={{
                    value: `max ${delivery.maxWeight}%`,
                    position: "insideTopLeft",
                    fill: "var(--muted)",
                    fontSize: 11,
                  }}
                />
              ) : null}
              {markers
                .filter((m) => m.stack === 0)
                .map((m) => (
                  <ReferenceLine
                    key={`line-${m.t}`}
                    x={m.t}
                    stroke="var(--muted)"
                    strokeOpacity={0.6}
                    strokeDasharray="2 3"
                  />
                ))}
              {earlierLife ? null : (
                <ReferenceLine
                  x={now}
                  stroke="var(--text)"
                  strokeDasharray="4 3"
                  label={{ value: "now", position: "insideTopRight", fill: "var(--muted)", fontSize: 11 }}
                />
              )}
              <Line
                type="stepAfter"
                dataKey="desired"
                name="Desired weight"
                stroke="var(--canary)"
                strokeWidth={2}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
              {observed ? (
                <Line
                  type="linear"
                  dataKey="observed"
                  name="Observed canary share"
                  stroke="var(--info)"
                  strokeWidth={1.5}
                  strokeDasharray="5 3"
                  dot={{ r: 1.5, fill: "var(--info)", stroke: "none" }}
                  connectNulls
                  isAnimationActive={false}
                />
              ) : null}
              {markers.map((m) => (
                <ReferenceDot
                  key={`${m.t}-${m.kind}-${m.label}`}
                  x={m.t}
                  y={Math.max(0, 100 - m.stack * MARKER_STEP)}
                  shape={(props) => <MarkerSymbol cx={Number(props.cx)} cy={Number(props.cy)} marker={m} />}
                />
              ))}
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </figure>
      <p id={summaryId} className="visually-hidden">
        {summary}
      </p>
      <details className={styles.details}>
        <summary>Weight changes and events as a table</summary>
        <WeightTable points={points} window={span} />
      </details>
    </section>
  );
}
