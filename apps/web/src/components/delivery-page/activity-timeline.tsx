"use client";
// Kubernetes Events and Rollscope's audit entries as one timeline, newest first.
import { type DeliveryRef, newestFirst } from "@rollscope/shared";
import { useQuery } from "@tanstack/react-query";
import type { DeliveryDetailData } from "../../lib/api-types";
import { useTRPC } from "../../lib/trpc";
import { RelativeTime } from "../relative-time";
import { ActivityIcon } from "./activity-icon";
import styles from "./delivery-page.module.css";

interface Entry {
  id: string;
  time: string;
  tone: "normal" | "warning" | "action";
  who: string;
  what: string;
  detail: string;
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
    ...trpc.audit.list.queryOptions({
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
      detail: `${e.message}${e.count > 1 ? ` (×${e.count})` : ""}`,
    })),
    ...(audit.data ?? [])
      .filter((a) => a.result !== "started")
      .map((a) => ({
        id: `audit/${a.id}/${a.result}`,
        time: a.time,
        tone: "action" as const,
        who: a.identity,
        what: `${a.action} ${a.result}`,
        detail: a.error ?? a.description ?? "",
      })),
  ].sort((a, b) => newestFirst(a.time, b.time));
  return (
    <section className={styles.panel} aria-labelledby="activity-title">
      <h2 id="activity-title" className={styles.panelTitle}>
        Activity
      </h2>
      {entries.length === 0 ? <p className={styles.muted}>No events yet.</p> : null}
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
              <strong>{e.what}</strong> <span className={styles.muted}>{e.who}</span>
            </span>
            <span className={styles.activityDetail}>{e.detail}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
