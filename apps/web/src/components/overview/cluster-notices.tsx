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
    const files = c.fileErrors;
    return [
      ...c.health.absent.map((a) => ({
        type: "absent" as const,
        key: `${c.name}/absent/${a.controller}`,
        cluster: name,
        absent: a.hint,
      })),
      ...(files.length > 0 ? [{ type: "files" as const, key: `${c.name}/files`, cluster: name, files }] : []),
      ...(invalid.length > 0
        ? [{ type: "invalid" as const, key: `${c.name}/invalid`, cluster: name, invalid }]
        : []),
    ];
  });
  if (notices.length === 0) return null;
  return (
    <ul className={styles.notices} aria-label="Cluster notices">
      {notices.map((n) =>
        n.type === "absent" ? (
          <li key={n.key} className={styles.noticeInfo}>
            <strong>
              <ClusterText>{n.cluster}</ClusterText>:
            </strong>{" "}
            {n.absent}
          </li>
        ) : n.type === "files" ? (
          <li key={n.key} className={styles.noticeWarning} role="alert">
            <details>
              <summary>
                <strong>
                  <ClusterText>{n.cluster}</ClusterText>:
                </strong>{" "}
                {n.files.length} {n.files.length === 1 ? "file" : "files"} could not be loaded; the rest is
                shown
              </summary>
              <ul>
                {n.files.map((f) => (
                  <li key={f.file}>
                    <code>
                      <ClusterText>{f.file}</ClusterText>
                    </code>{" "}
                    <ClusterText>{f.message}</ClusterText>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ) : (
          <li key={n.key} className={styles.noticeWarning} role="alert">
            <details>
              <summary>
                <strong>
                  <ClusterText>{n.cluster}</ClusterText>:
                </strong>{" "}
                {n.invalid.length} {n.invalid.length === 1 ? "object is" : "objects are"} not valid (CRD
                schema or name) and {n.invalid.length === 1 ? "is" : "are"} not shown
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
