"use client";
// The PromQL that ran, exactly, with Copy and a link into Prometheus' own graph page.
import { useEffect, useId, useState } from "react";
import chartStyles from "../charts/charts.module.css";
import styles from "./analysis.module.css";

export function QueryBlock({
  label,
  query,
  prometheusHref,
}: {
  /** What the query is, e.g. "Resolved PromQL (canary)". */
  label: string;
  query: string;
  /** Present only when metrics.series says Prometheus is available. */
  prometheusHref?: string | undefined;
}) {
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const labelId = useId();
  useEffect(() => {
    if (copy === "idle") return;
    const id = setTimeout(() => setCopy("idle"), 2500);
    return () => clearTimeout(id);
  }, [copy]);
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(query);
      setCopy("copied");
    } catch {
      // Clipboard access needs a secure context and permission; say what to do instead.
      setCopy("failed");
    }
  };
  return (
    <figure className={styles.query} aria-labelledby={labelId}>
      <figcaption className={styles.queryActions}>
        <span id={labelId} className={styles.muted}>
          {label}
        </span>
        <button type="button" className={chartStyles.button} onClick={onCopy} aria-label={`Copy ${label}`}>
          Copy
        </button>
        {prometheusHref ? (
          <a href={prometheusHref} target="_blank" rel="noopener noreferrer">
            Open in Prometheus<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        ) : null}
        <span role="status" className={styles.muted}>
          {copy === "copied"
            ? "Copied"
            : copy === "failed"
              ? "Copy failed: select the query and copy it"
              : ""}
        </span>
      </figcaption>
      <pre className={styles.code}>
        <code>{query}</code>
      </pre>
    </figure>
  );
}
