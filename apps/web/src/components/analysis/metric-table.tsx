// A metric's measurements as a table: the text alternative to its chart, with the first failing one marked.
import { formatValue } from "@rollscope/shared/analysis/format-value";
import type { MeasurementRow } from "@rollscope/shared/analysis/measurement-rows";
import { DataTable } from "../charts/data-table";
import { formatDateTime } from "../charts/format";
import { SymbolIcon } from "../charts/symbols";
import { ClusterText } from "../cluster-text";
import own from "./analysis.module.css";
import { outcomeLook } from "./outcome-look";

export function MetricTable({
  rows,
  caption,
  stableLabel,
  showRaw,
}: {
  rows: readonly MeasurementRow[];
  caption: string;
  /** Column for the stable/primary value at the same time; omitted when there is none. */
  stableLabel?: string | undefined;
  /** Argo stores the raw value string; Flagger samples have none. */
  showRaw: boolean;
}) {
  if (rows.length === 0) return <p className={own.empty}>No measurements yet.</p>;
  const stable = stableLabel && rows.some((r) => r.stable !== undefined) ? stableLabel : undefined;
  return (
    <DataTable
      caption={caption}
      columns={["#", "Time", "Value", stable ?? false, showRaw ? "Raw value" : false, "Phase", "Message"]}
    >
      {rows.map((r) => {
        const look = outcomeLook[r.outcome];
        return (
          <tr key={r.index} className={r.firstFailing ? own.firstFailing : undefined}>
            <td>{r.index + 1}</td>
            <td className={own.nowrap}>{r.t === undefined ? "—" : formatDateTime(r.t)}</td>
            <td>{formatValue(r.value)}</td>
            {stable ? <td>{formatValue(r.stable)}</td> : null}
            {showRaw ? (
              <td className="mono">{r.raw === undefined ? "—" : <ClusterText>{r.raw}</ClusterText>}</td>
            ) : null}
            <td className={own.nowrap}>
              <SymbolIcon shape={look.shape} color={look.color} /> <ClusterText>{r.phase}</ClusterText>
              {r.firstFailing ? <span className={own.firstTag}> · first failure</span> : null}
            </td>
            <td className={own.messageCell}>{r.message ? <ClusterText>{r.message}</ClusterText> : null}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
