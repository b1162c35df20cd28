// Plain React/SVG pieces of the metric chart: a point's symbol, the tooltip body and the legend.
// Recharts renders them; they do not import it, so the legend can also show before the chart loads.
import { formatValue } from "@rollscope/shared/analysis/format-value";
import type { MeasurementOutcome, MeasurementRow } from "@rollscope/shared/analysis/measurement-rows";
import type { MetricView } from "@rollscope/shared/analysis/metric-view";
import chartStyles from "../charts/charts.module.css";
import { formatDateTime } from "../charts/format";
import { BandIcon, LineIcon, ShapePath, SymbolIcon } from "../charts/symbols";
import { ClusterText } from "../cluster-text";
import { outcomeLook, outcomeOrder } from "./outcome-look";

/** A series sample (not a measurement) as the chart carries it, so the tooltip can tell them apart. */
export interface SeriesDatum {
  t: number;
  value: number;
  series: string;
}

export function OutcomeDot({ cx, cy, outcome }: { cx?: number; cy?: number; outcome: MeasurementOutcome }) {
  if (cx === undefined || cy === undefined || Number.isNaN(cx) || Number.isNaN(cy)) return <g />;
  const look = outcomeLook[outcome];
  return (
    <g transform={`translate(${cx},${cy})`}>
      <ShapePath shape={look.shape} color={look.color} r={5} />
    </g>
  );
}

/** The ring around the first failing measurement. */
export function FirstFailingRing({ cx, cy }: { cx?: number; cy?: number }) {
  if (cx === undefined || cy === undefined) return <g />;
  return <circle cx={cx} cy={cy} r={10} fill="none" stroke="var(--bad)" strokeWidth={2} />;
}

export function MetricTooltipBody({ datum }: { datum: MeasurementRow | SeriesDatum | undefined }) {
  if (!datum || datum.t === undefined) return null;
  if ("series" in datum) {
    return (
      <div className={chartStyles.tooltip}>
        <div className={chartStyles.time}>{formatDateTime(datum.t)}</div>
        <dl>
          <dt>{datum.series}</dt>
          <dd>{formatValue(datum.value)}</dd>
        </dl>
      </div>
    );
  }
  const look = outcomeLook[datum.outcome];
  return (
    <div className={chartStyles.tooltip}>
      <div className={chartStyles.time}>
        {formatDateTime(datum.t)} · #{datum.index + 1}
      </div>
      <dl>
        <dt>Value</dt>
        <dd>{formatValue(datum.value)}</dd>
        {datum.raw !== undefined ? (
          <>
            <dt>Raw</dt>
            <dd className="mono">
              <ClusterText>{datum.raw}</ClusterText>
            </dd>
          </>
        ) : null}
        {datum.stable !== undefined ? (
          <>
            <dt>Stable/primary</dt>
            <dd>{formatValue(datum.stable)}</dd>
          </>
        ) : null}
        <dt>Phase</dt>
        <dd>
          <SymbolIcon shape={look.shape} color={look.color} /> <ClusterText>{datum.phase}</ClusterText>
          {datum.firstFailing ? " (first failure)" : ""}
        </dd>
      </dl>
      {datum.message ? (
        <p>
          <ClusterText>{datum.message}</ClusterText>
        </p>
      ) : null}
    </div>
  );
}

export function MetricLegend({ view }: { view: MetricView }) {
  const { canaryLabel, stableLabel } = view;
  const outcomes = outcomeOrder.filter((o) => view.points.some((p) => p.outcome === o));
  return (
    <ul className={chartStyles.legend} aria-label="Legend">
      {outcomes.map((o) => (
        <li key={o}>
          <SymbolIcon shape={outcomeLook[o].shape} color={outcomeLook[o].color} /> {outcomeLook[o].word}
        </li>
      ))}
      {view.canary.length > 0 ? (
        <li>
          <LineIcon color="var(--canary)" /> {canaryLabel}
        </li>
      ) : null}
      {view.stable.length > 0 ? (
        <li>
          <LineIcon color="var(--stable)" dashed /> {stableLabel}
        </li>
      ) : null}
      {view.lines.length > 0 ? (
        <li>
          <LineIcon color="var(--muted)" dashed /> Threshold
        </li>
      ) : null}
      {view.bands.some((b) => b.outcome === "fail") ? (
        <li>
          <BandIcon color="var(--bad)" /> Fails
        </li>
      ) : null}
      {view.bands.some((b) => b.outcome === "unknown") ? (
        <li>
          <BandIcon color="var(--warn)" /> Inconclusive
        </li>
      ) : null}
      {view.firstFailing ? (
        <li>
          <SymbolIcon shape="ring" color="var(--bad)" /> First failure
        </li>
      ) : null}
    </ul>
  );
}
