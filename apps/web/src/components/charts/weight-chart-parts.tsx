// Pieces of the weight chart that are plain React and SVG: the tooltip body, a marker's symbol (with
// its label on hover) and the legend. Recharts renders them; they do not import it.
import { isolate } from "../../lib/bidi-isolate";
import { ClusterText } from "../cluster-text";
import type { HistoryMarkerKind } from "./api-types";
import styles from "./charts.module.css";
import { formatClock, formatDateTime, formatPercent } from "./format";
import { markerLook, markerOrder } from "./marker-look";
import { LineIcon, ShapePath, SymbolIcon } from "./symbols";
import type { ChartMarker, WeightRow } from "./weight-chart-data";

export function WeightTooltipBody({ row }: { row: WeightRow | undefined }) {
  if (!row) return null;
  return (
    <div className={styles.tooltip}>
      <div className={styles.time}>{formatClock(row.t)}</div>
      <dl>
        {row.desired !== undefined ? (
          <>
            <dt>Desired weight</dt>
            <dd>{formatPercent(row.desired)}</dd>
          </>
        ) : null}
        {row.actual !== undefined && row.actual !== row.desired ? (
          <>
            <dt>Actual (controller)</dt>
            <dd>{formatPercent(row.actual)}</dd>
          </>
        ) : null}
        {row.observed !== undefined ? (
          <>
            <dt>Observed share</dt>
            <dd>{formatPercent(row.observed)}</dd>
          </>
        ) : null}
      </dl>
      {row.markers?.length ? (
        <ul>
          {row.markers.map((m) => (
            <li key={m}>
              <ClusterText>{m}</ClusterText>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A marker's symbol at (cx, cy), with a larger invisible hit area and a native hover label. */
export function MarkerSymbol({ cx, cy, marker }: { cx?: number; cy?: number; marker: ChartMarker }) {
  if (cx === undefined || cy === undefined) return <g />;
  const look = markerLook[marker.kind];
  return (
    <g transform={`translate(${cx},${cy})`} style={{ cursor: "default" }}>
      <title>{`${formatDateTime(marker.t)} · ${look.word}: ${isolate(marker.label)}`}</title>
      <circle r={9} fill="transparent" />
      <circle r={7} fill="var(--panel)" />
      <ShapePath shape={look.shape} color={look.color} r={5} />
    </g>
  );
}

export function WeightLegend({
  kinds,
  observed,
}: {
  kinds: ReadonlySet<HistoryMarkerKind>;
  observed: boolean;
}) {
  return (
    <ul className={styles.legend} aria-label="Legend">
      <li>
        <LineIcon color="var(--canary)" /> Desired weight
      </li>
      {observed ? (
        <li>
          <LineIcon color="var(--info)" dashed dot /> Observed canary share (Prometheus)
        </li>
      ) : null}
      <li>
        <LineIcon color="var(--text)" dashed /> Now
      </li>
      {markerOrder
        .filter((k) => kinds.has(k))
        .map((k) => (
          <li key={k}>
            <SymbolIcon shape={markerLook[k].shape} color={markerLook[k].color} /> {markerLook[k].word}
          </li>
        ))}
    </ul>
  );
}
