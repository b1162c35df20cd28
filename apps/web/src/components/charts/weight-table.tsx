// The weight chart as a table: every recorded change and marker in the window (the text alternative).
import { isolate } from "../../lib/bidi-isolate";
import { DataTable } from "./data-table";
import { formatDateTime, formatPercent } from "./format";
import { markerLook } from "./marker-look";
import type { HistoryInput, TimeWindow } from "./weight-chart-data";

export function WeightTable({ points, window }: { points: readonly HistoryInput[]; window: TimeWindow }) {
  const shown = points.filter((p) => p.t >= window.start && p.t <= window.end).sort((a, b) => b.t - a.t);
  if (shown.length === 0) return <p>No weight changes recorded in this window.</p>;
  return (
    <DataTable
      caption="Weight changes and markers, newest first"
      columns={["Time", "Desired", "Actual", "Phase", "Step", "Events"]}
    >
      {shown.map((p) => (
        <tr key={`${p.t}-${p.setWeight}-${p.markers.length}`}>
          <td style={{ whiteSpace: "nowrap" }}>{formatDateTime(p.t)}</td>
          <td>{formatPercent(p.setWeight)}</td>
          <td>{formatPercent(p.actualWeight)}</td>
          <td>{p.phase || "—"}</td>
          <td>{p.step ?? "—"}</td>
          <td>{p.markers.map((m) => `${markerLook[m.kind].word}: ${isolate(m.label)}`).join("; ") || "—"}</td>
        </tr>
      ))}
    </DataTable>
  );
}
