"use client";
// Why something may be missing from the overview: a controller whose CRDs a cluster lacks (normal,
// but worth saying when the list is empty or short), and objects that failed validation and are
// therefore not shown, each with the reason.
import { clusterDisplayName, useClusters } from "../../lib/use-clusters";
import { ClusterText } from "../cluster-text";
import styles from "./overview.module.css";

export function ClusterNotices() {
  const clusters = useClusters();
  const notices = (clusters.data ?? []).flatMap((c) => {
    const name = clusterDisplayName(c);
    const invalid = c.invalidObjects;
    return [
      ...c.health.absent.map((a) => ({
        key: `${c.name}/absent/${a.controller}`,
        cluster: name,
        absent: a.hint,
      })),
      ...(invalid.length > 0 ? [{ key: `${c.name}/invalid`, cluster: name, invalid }] : []),
    ];
  });
  if (notices.length === 0) return null;
  return (
    <ul className={styles.notices} aria-label="Cluster notices">
      {notices.map((n) =>
        "absent" in n ? (
          <li key={n.key} className={styles.noticeInfo}>
            <strong>
              <ClusterText>{n.cluster}</ClusterText>:
            </strong>{" "}
            {n.absent}
          </li>
        ) : (
          <li key={n.key} className={styles.noticeWarning} role="alert">
            <details>
              <summary>
                <strong>
                  <ClusterText>{n.cluster}</ClusterText>:
                </strong>{" "}
                {n.invalid.length} {n.invalid.length === 1 ? "object does" : "objects do"} not match its CRD
                schema and {n.invalid.length === 1 ? "is" : "are"} not shown
              </summary>
              <ul>
                {n.invalid.map((o) => (
                  <li key={`${o.kind}/${o.namespace}/${o.name}`}>
                    <code>
                      {o.kind} <ClusterText>{o.namespace ?? ""}</ClusterText>/
                      <ClusterText>{o.name ?? ""}</ClusterText>
                    </code>
                    : <ClusterText>{o.message}</ClusterText>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ),
      )}
    </ul>
  );
}
