// Who, what state, which images, and who else writes this object.
import type { Delivery } from "@rollscope/shared";
import { ClusterText, ClusterTextList } from "../cluster-text";
import { StatusBadge } from "../delivery/status-badge";
import { RelativeTime } from "../relative-time";
import styles from "./delivery-page.module.css";

const strategyLabels: Record<NonNullable<Delivery["strategy"]>, string> = {
  canary: "Canary",
  blueGreen: "Blue-green",
  abTesting: "A/B testing",
  mirroring: "Mirroring",
};

export function DeliveryHeader({ d }: { d: Delivery }) {
  return (
    <section className={styles.header} aria-labelledby="delivery-title">
      <div className={styles.titleRow}>
        <h1 id="delivery-title" className={styles.title}>
          <ClusterText>{d.ref.name}</ClusterText>
        </h1>
        <StatusBadge phase={d.phase} rawPhase={d.rawPhase} waiting={d.waitingForPerson} />
        <span className={styles.meta}>
          {d.controller === "argo" ? "Argo Rollouts" : "Flagger"} {d.ref.kind}
          {/* A Rollout whose spec names no strategy shows none, as the plugin does. */}
          {d.strategy ? ` · ${strategyLabels[d.strategy]}` : ""} ·{" "}
          <ClusterText>{d.ref.namespace}</ClusterText> · <ClusterText>{d.ref.cluster}</ClusterText>
        </span>
      </div>
      {d.message ? (
        <p className={styles.message} data-testid="delivery-message">
          <ClusterText>{d.message}</ClusterText>
        </p>
      ) : null}
      <dl className={styles.facts}>
        <div>
          <dt>Step</dt>
          <dd data-testid="delivery-step">
            {d.step
              ? `${d.step.index}/${d.step.total}`
              : d.iteration
                ? `iteration ${d.iteration.n}/${d.iteration.of}`
                : "—"}
          </dd>
        </div>
        <div>
          <dt>Weight</dt>
          <dd data-testid="delivery-weight">
            {d.setWeight}% set · {d.actualWeight}% actual{d.maxWeight < 100 ? ` · max ${d.maxWeight}%` : ""}
          </dd>
        </div>
        <div>
          <dt>Replicas</dt>
          <dd>
            {d.replicas.ready}/{d.replicas.desired} ready · {d.replicas.updated} updated
          </dd>
        </div>
        <div>
          <dt>Images</dt>
          <dd className={styles.images}>
            {d.images.length === 0
              ? "—"
              : d.images.map((i) => (
                  <span key={i.image} className={styles.image}>
                    <code>
                      <ClusterText>{i.image}</ClusterText>
                    </code>{" "}
                    {i.tags.length > 0 ? (
                      <span className={styles.tags}>
                        <ClusterTextList items={i.tags} />
                      </span>
                    ) : null}
                  </span>
                ))}
          </dd>
        </div>
        <div>
          <dt>Last change</dt>
          <dd>
            <RelativeTime iso={d.lastChangeAt} />
          </dd>
        </div>
      </dl>
      {d.gitOpsOwner ? (
        <p className={styles.gitops} role="note">
          ⚠ Managed by {d.gitOpsOwner.tool === "argocd" ? "Argo CD" : "Flux"} {d.gitOpsOwner.kind}{" "}
          <strong>
            <ClusterText>{d.gitOpsOwner.name}</ClusterText>
          </strong>
          {d.gitOpsOwner.namespace ? (
            <>
              {" ("}
              <ClusterText>{d.gitOpsOwner.namespace}</ClusterText>)
            </>
          ) : null}
          : an image change made here will be reverted unless it is also made in git.{" "}
          <span className={styles.muted}>
            (<ClusterText>{d.gitOpsOwner.source}</ClusterText>)
          </span>
        </p>
      ) : null}
      {d.notices?.map((n) => (
        <p key={n.path} className={styles.gitops} role="note" data-testid="delivery-notice">
          ⚠ <code>{n.path}</code> {n.message}.
        </p>
      ))}
    </section>
  );
}
