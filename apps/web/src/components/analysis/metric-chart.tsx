"use client";
// One metric over time: measurements as symbols by outcome, threshold lines over shaded failing
// regions, Prometheus' canary and stable/primary series beside them, the first failure ringed.
// This file pulls in Recharts: reach it only through LazyAnalysisPanel.
import { formatValue } from "@rollscope/shared/analysis/format-value";
import type { MeasurementOutcome, MeasurementRow } from "@rollscope/shared/analysis/measurement-rows";
import type { SeriesPoint } from "@rollscope/shared/analysis/metric-series";
import type { MetricView } from "@rollscope/shared/analysis/metric-view";
import {
  ReferenceArea,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { isolate } from "../../lib/bidi-isolate";
import { formatClock } from "../charts/format";
import { timeTicks } from "../charts/scale-ticks";
import styles from "./analysis.module.css";
import { FirstFailingRing, MetricTooltipBody, OutcomeDot, type SeriesDatum } from "./metric-chart-parts";
import { outcomeOrder } from "./outcome-look";

export interface MetricChartProps {
  view: MetricView;
  /** The chart's accessible name, e.g. "success-rate of myapp-55bdff45cb-2 over time". */
  label: string;
  /** Id of the element holding the text summary (the chart's description). */
  summaryId: string;
}

const axisTick = { fill: "var(--muted)", fontSize: 11 };
const tiny = () => <g />;

/** Nothing plotted has a time: the last hour, so the axis still reads as time. */
const lastHour = (): [number, number] => [Date.now() - 3_600_000, Date.now()];

export function MetricChart({ view, label, summaryId }: MetricChartProps) {
  const { canaryLabel, stableLabel } = view;
  const byOutcome = new Map<MeasurementOutcome, MeasurementRow[]>();
  for (const p of view.points) byOutcome.set(p.outcome, [...(byOutcome.get(p.outcome) ?? []), p]);
  const series = (points: SeriesPoint[], name: string): SeriesDatum[] =>
    points.map((p) => ({ ...p, series: name }));
  const first = view.firstFailing;
  const x = view.timeDomain ?? lastHour();
  return (
    <figure className={styles.chart} aria-label={label} aria-describedby={summaryId}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 220 }}>
        <ScatterChart margin={{ top: 10, right: 16, bottom: 4, left: 0 }} title={label}>
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={x}
            ticks={timeTicks(x[0], x[1], 6)}
            tickFormatter={formatClock}
            tick={axisTick}
            stroke="var(--border)"
            name="Time"
          />
          <YAxis
            dataKey="value"
            type="number"
            domain={view.domain}
            ticks={view.ticks}
            allowDataOverflow
            tickFormatter={(v: number) => formatValue(v)}
            tick={axisTick}
            stroke="var(--border)"
            width={52}
            name="Value"
          />
          <Tooltip
            content={({ payload }) => (
              <MetricTooltipBody datum={payload?.[0]?.payload as MeasurementRow | SeriesDatum | undefined} />
            )}
            cursor={{ stroke: "var(--muted)", strokeDasharray: "2 2" }}
            isAnimationActive={false}
          />
          {view.bands
            .filter((b) => b.outcome !== "pass")
            .map((b) => (
              <ReferenceArea
                key={`${b.outcome}-${b.from}-${b.to}`}
                y1={b.from}
                y2={b.to}
                fill={b.outcome === "fail" ? "var(--bad)" : "var(--warn)"}
                fillOpacity={0.09}
                stroke="none"
                ifOverflow="hidden"
              />
            ))}
          {view.lines.map((l, i) => (
            <ReferenceLine
              key={`${l.side}-${l.op}-${l.value}-${l.label}`}
              y={l.value}
              stroke={l.side === "pass" ? "var(--ok)" : "var(--bad)"}
              strokeDasharray="6 3"
              strokeWidth={1.5}
              ifOverflow="extendDomain"
              label={{
                value: `${l.side === "pass" ? "success" : "failure"}: ${isolate(l.label)}`,
                position: i % 2 === 0 ? "insideTopRight" : "insideBottomRight",
                fill: "var(--muted)",
                fontSize: 11,
              }}
            />
          ))}
          {view.stable.length > 0 ? (
            <Scatter
              name={stableLabel}
              data={series(view.stable, stableLabel)}
              line={{ stroke: "var(--stable)", strokeWidth: 1.5, strokeDasharray: "5 3" }}
              shape={tiny}
              isAnimationActive={false}
            />
          ) : null}
          {view.canary.length > 0 ? (
            <Scatter
              name={canaryLabel}
              data={series(view.canary, canaryLabel)}
              line={{ stroke: "var(--canary)", strokeWidth: 1.5, strokeOpacity: 0.8 }}
              shape={tiny}
              isAnimationActive={false}
            />
          ) : null}
          {outcomeOrder.map((outcome) => {
            const data = byOutcome.get(outcome);
            if (!data) return null;
            return (
              <Scatter
                key={outcome}
                name={outcome}
                data={data}
                isAnimationActive={false}
                shape={(props: { cx?: number; cy?: number }) => (
                  <OutcomeDot cx={props.cx} cy={props.cy} outcome={outcome} />
                )}
              />
            );
          })}
          {first?.t !== undefined && first.value !== undefined ? (
            <ReferenceDot
              x={first.t}
              y={first.value}
              shape={(props) => <FirstFailingRing cx={Number(props.cx)} cy={Number(props.cy)} />}
              label={{ value: "first failure", position: "top", fill: "var(--bad)", fontSize: 11 }}
            />
          ) : null}
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
