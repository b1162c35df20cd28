// Revisions with their ReplicaSets (or Flagger's target and primary Deployments), role badges, images
// and pods, then each Experiment's ReplicaSets, as `kubectl argo rollouts get rollout` lists them.
import type { Delivery, Revision } from "@rollscope/shared";
import { isolate } from "../../lib/bidi-isolate";
import { ClusterText } from "../cluster-text";
import styles from "./delivery-page.module.css";

const roleClass: Record<string, string | undefined> = {
  stable: styles.roleStable,
  active: styles.roleStable,
  primary: styles.roleStable,
  canary: styles.roleCanary,
  preview: styles.roleCanary,
};

export function RevisionsPanel({ d }: { d: Delivery }) {
  const experiments = (d.experiments ?? []).filter((e) => e.replicaSets.length > 0);
  return (
    <section className={styles.panel} aria-labelledby="revisions-title">
      <h2 id="revisions-title" className={styles.panelTitle}>
        Revisions
      </h2>
      {d.revisions.length === 0 ? (
        <p className={styles.muted}>No ReplicaSets or Deployments found for this delivery.</p>
      ) : null}
      <ul className={styles.revisions}>
        {d.revisions.map((r) => (
          <RevisionItem key={r.name} r={r} />
        ))}
      </ul>
      {experiments.map((e) => (
        <section key={e.name} aria-label={`Experiment ${e.name}`}>
          <h3 className={styles.experimentTitle}>
            Experiment{" "}
            <code>
              <ClusterText>{e.name}</ClusterText>
            </code>{" "}
            <span className={styles.muted}>
              {e.revision !== undefined ? `#${e.revision} · ` : ""}
              {e.status || "no status yet"}
              {e.message ? ` · ${e.message}` : ""}
            </span>
          </h3>
          <ul className={styles.revisions}>
            {e.replicaSets.map((r) => (
              <RevisionItem key={r.name} r={r} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

/** One ReplicaSet (or Deployment): revision, roles, status, images and its pods as the plugin shows them. */
function RevisionItem({ r }: { r: Revision }) {
  return (
    <li className={styles.revision}>
      <div className={styles.revisionHead}>
        <strong>{r.revision !== undefined ? `#${r.revision}` : r.kind}</strong>{" "}
        <code>
          <ClusterText>{r.name}</ClusterText>
        </code>
        {r.experimentTemplate ? <span className={styles.role}>{r.experimentTemplate}</span> : null}
        {r.roles.map((role) => (
          <span key={role} className={`${styles.role} ${roleClass[role] ?? ""}`}>
            {role}
          </span>
        ))}
        <span className={styles.muted}>
          {r.status} · {r.replicas.ready}/{r.replicas.desired} ready
        </span>
      </div>
      <div className={styles.muted}>
        {r.images.map((i) => (
          <code key={i}>
            <ClusterText>{i}</ClusterText>{" "}
          </code>
        ))}
      </div>
      {r.pods.length > 0 ? (
        <ul className={styles.pods} aria-label={`Pods of ${r.name}`}>
          {r.pods.map((p) => (
            <li
              key={p.name}
              title={`${isolate(p.name)}: ${isolate(p.status)}, ${p.readyContainers}/${p.containers} containers ready${p.restarts ? `, ${p.restarts} restarts` : ""}`}
              className={`${styles.pod} ${p.ready ? styles.podReady : styles.podNotReady}`}
            >
              <span aria-hidden="true">{p.ready ? "●" : "○"}</span> <ClusterText>{p.status}</ClusterText>{" "}
              <span className={styles.podReadyCount}>
                {p.readyContainers}/{p.containers}
              </span>
              {p.restarts > 0 ? ` (${p.restarts}↻)` : ""}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
