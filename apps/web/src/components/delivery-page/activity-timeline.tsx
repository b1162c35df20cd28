"use client";
// Kubernetes Events and Rollscope's audit entries as one timeline, newest first.
import { type DeliveryRef, newestFirst } from "@rollscope/shared";
import { useQuery } from "@tanstack/react-query";
import type { DeliveryDetailData } from "../../lib/api-types";
import { useTRPC } from "../../lib/trpc";
import { ClusterText } from "../cluster-text";
import { RelativeTime } from "../relative-time";
import { ActivityIcon } from "./activity-icon";
import styles from "./delivery-page.module.css";

/** The look of the page's other warnings (the GitOps notice), kept beside the one place it is used here. */
const warningNotice = {
  margin: "0 0 8px",
  padding: "8px 12px",
  background: "var(--warn-bg)",
  color: "var(--text)",
  borderLeft: "3px solid var(--warn)",
  borderRadius: 4,
  fontSize: 13,
} as const;

interface Entry {
  id: string;
  time: string;
  tone: "normal" | "warning" | "action";
  /** Who, what and detail come from the cluster (event source, reason and message) or the audit log. */
  who: string;
  what: string;
  detail: string;
  /** How many times the Event was seen. */
  count: number;
}

export function ActivityTimeline({
  target,
  events,
}: {
  target: DeliveryRef;
  events: DeliveryDetailData["events"];
}) {
  const trpc = useTRPC();
  const audit = useQuery({
    ...trpc.audit.view.queryOptions({
      cluster: target.cluster,
      kind: target.kind,
      namespace: target.namespace,
      name: target.name,
      limit: 100,
    }),
    refetchInterval: 5_000,
  });
  const entries: Entry[] = [
    ...events.map((e) => ({
      id: `event/${e.object.kind}/${e.object.name}/${e.reason}/${e.time}/${e.message}`,
      time: e.time,
      tone: e.type === "Warning" ? ("warning" as const) : ("normal" as const),
      who: e.source || "kubernetes",
      what: e.reason,
      detail: e.message,
      count: e.count,
    })),
    ...(audit.data?.entries ?? [])
      .filter((a) => a.result !== "started")
      .map((a) => ({
        id: `audit/${a.id}/${a.result}`,
        time: a.time,
        // Rollscope stopped mid-action: whether it took effect is unknown, so it needs a look.
        tone: a.result === "interrupted" ? ("warning" as const) : ("action" as const),
        who: a.identity,
        what:
          a.result === "interrupted" ? `${a.action} interrupted, result unknown` : `${a.action} ${a.result}`,
        detail: a.error ?? a.description ?? "",
        count: 1,
      })),
  ].sort((a, b) => newestFirst(a.time, b.time));
  const auditProblem = audit.error
    ? `Rollscope's audit entries could not be loaded: ${audit.error.message}`
    : audit.data?.loadError
      ? `Rollscope's audit log could not be read, so its entries may be missing here: ${audit.data.loadError}`
      : undefined;
  return (
    <section className={styles.panel} aria-labelledby="activity-title">
      <h2 id="activity-title" className={styles.panelTitle}>
        Activity
      </h2>
      {auditProblem ? (
        <p role="alert" style={warningNotice} data-testid="audit-problem">
          {auditProblem}
        </p>
      ) : null}
      {entries.length === 0 && !auditProblem ? <p className={styles.muted}>No events yet.</p> : null}
      <ol className={styles.activity}>
        {entries.slice(0, 150).map((e) => (
          <li
            key={e.id}
            className={`${styles.activityItem} ${styles[`tone_${e.tone}`] ?? ""}`}
            data-testid="activity-entry"
          >
            <span className={styles.activityTime}>
              <RelativeTime iso={e.time} />
            </span>
            <span className={styles.activityWhat}>
              <ActivityIcon tone={e.tone} />
              <strong>
                <ClusterText>{e.what}</ClusterText>
              </strong>{" "}
              <span className={styles.muted}>
                <ClusterText>{e.who}</ClusterText>
              </span>
            </span>
            <span className={styles.activityDetail}>
              <ClusterText>{e.detail}</ClusterText>
              {e.count > 1 ? ` (×${e.count})` : ""}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
