"use client";
// Which clusters are connected, the demo label, and a warning when one is reconnecting or unreachable.
import { isolate } from "../../lib/bidi-isolate";
import { clusterDisplayName, useClusters } from "../../lib/use-clusters";
import { ClusterText } from "../cluster-text";
import styles from "./cluster-banner.module.css";

export function ClusterBanner() {
  const clusters = useClusters();
  if (clusters.error) {
    return (
      <span role="alert" className={`${styles.pill} ${styles.bad}`}>
        ⚠ API unreachable: {clusters.error.message}. Is the Rollscope API running?
      </span>
    );
  }
  return (
    <section className={styles.list} aria-label="Clusters">
      {(clusters.data ?? []).map((c) => {
        const trouble = c.health.state === "reconnecting" || c.health.state === "error";
        return (
          <span
            key={c.name}
            className={`${styles.pill} ${trouble ? styles.bad : c.kind === "demo" ? styles.demo : styles.ok}`}
            title={
              c.health.lastError
                ? isolate(c.health.lastError)
                : `${isolate(c.label)}: ${c.health.state} since ${c.health.since}`
            }
            role={trouble ? "alert" : undefined}
          >
            {trouble ? "⚠" : "●"} <ClusterText>{clusterDisplayName(c)}</ClusterText>
            {trouble ? ` — ${c.health.state}` : ""}
            {trouble && c.health.lastError ? (
              <>
                : <ClusterText>{c.health.lastError}</ClusterText>
              </>
            ) : null}
            {c.readOnlyReason && c.kind !== "snapshot" ? " · read-only" : ""}
          </span>
        );
      })}
    </section>
  );
}
