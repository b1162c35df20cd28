// A chart's data as a table, its text alternative: it scrolls inside its frame with the header row
// in view, and every column header is scoped for screen readers.
import type { ReactNode } from "react";
import styles from "./charts.module.css";

export function DataTable({
  caption,
  captionVisible = false,
  columns,
  children,
}: {
  /** Names the table; read out even when not shown. */
  caption: ReactNode;
  captionVisible?: boolean;
  /** The column headers in order; `false` leaves a column out. */
  columns: ReadonlyArray<string | false>;
  /** The body rows. */
  children: ReactNode;
}) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className={captionVisible ? undefined : "visually-hidden"}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) =>
              column === false ? null : (
                <th key={column} scope="col">
                  {column}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
