"use client";
// Every step with done / current / pending, when it started and how long it took, a live countdown on a
// timed pause, "waiting for promotion" on an indefinite one, analysis and experiment status, and when the
// rollout should finish.
import type { Delivery, TimelineItem } from "@rollscope/shared";
import { estimateFinish } from "@rollscope/shared/delivery/finish-estimate";
import type { ReactNode } from "react";
import type { HistoryPointData } from "../../lib/api-types";
import { isolate } from "../../lib/bidi-isolate";
import { formatClock, formatDateTime, formatDuration } from "../charts/format";
import { ClusterText, ClusterTextList } from "../cluster-text";
import { useNow } from "../relative-time";
import styles from "./delivery-page.module.css";
import { stepStartTimes } from "./step-times";

/** The step in words; names from the cluster (templates, routes, plugins, webhooks) are isolated. */
function describe(item: TimelineItem): ReactNode {
  switch (item.type) {
    case "setWeight":
      return `Set weight ${item.weight}%`;
    case "pause":
      return item.durationSeconds === undefined
        ? "Pause until promoted"
        : `Pause ${formatDuration(item.durationSeconds * 1000)}`;
    case "analysis":
      return item.templates.length > 0 ? (
        <>
          Analysis <ClusterTextList items={item.templates} />
        </>
      ) : (
        "Analysis"
      );
    case "experiment":
      return (
        <>
          Experiment <ClusterTextList items={item.templates} />
          {item.durationSeconds ? ` for ${formatDuration(item.durationSeconds * 1000)}` : ""}
        </>
      );
    case "setCanaryScale":
      return `Scale canary${item.weight !== undefined ? ` to ${item.weight}%` : ""}${item.replicas !== undefined ? ` to ${item.replicas} replicas` : ""}${item.matchTrafficWeight ? " to match traffic" : ""}`;
    case "setHeaderRoute":
      return (
        <>
          Header route <ClusterText>{item.route}</ClusterText>
        </>
      );
    case "setMirrorRoute":
      return (
        <>
          Mirror route <ClusterText>{item.route}</ClusterText>
          {item.percentage !== undefined ? ` (${item.percentage}%)` : ""}
        </>
      );
    case "plugin":
      return (
        <>
          Plugin step <ClusterText>{item.plugin}</ClusterText>
        </>
      );
    case "trafficStep":
      return `Canary weight ${item.weight}%`;
    case "iteration":
      return `Iteration ${item.n} of ${item.of}`;
    case "gate":
      return (
        <>
          Gate {item.gate} (<ClusterText>{item.webhook}</ClusterText>)
        </>
      );
    case "promotion":
      return "Promote: switch all traffic to the new revision";
  }
}

const stateIcon = { done: "✔", current: "▶", pending: "○" } as const;

export function StepTimeline({
  d,
  history,
  intervalSeconds,
}: {
  d: Delivery;
  history: HistoryPointData[];
  intervalSeconds?: number;
}) {
  const now = useNow(1000);
  const starts = stepStartTimes(d, history);
  const estimate = estimateFinish(d, now, intervalSeconds);
  return (
    <section className={styles.panel} aria-labelledby="timeline-title">
      <h2 id="timeline-title" className={styles.panelTitle}>
        Steps
        <span className={styles.estimate} data-testid="finish-estimate">
          {estimate.kind === "done"
            ? "Complete"
            : estimate.kind === "known"
              ? `Finishes ${estimate.lowerBound ? "no sooner than" : "in about"} ${formatDuration(estimate.seconds * 1000)} (${formatClock(Date.parse(estimate.at))})`
              : `Finish unknown: ${estimate.reason}`}
        </span>
      </h2>
      {d.timeline.length === 0 ? (
        <p className={styles.muted}>This delivery has no steps: it is promoted as soon as it is ready.</p>
      ) : null}
      <ol className={styles.timeline}>
        {d.timeline.map((item, i) => {
          const start = starts.get(item.index);
          const nextStart = d.timeline
            .slice(i + 1)
            .map((n) => starts.get(n.index))
            .find((t) => t !== undefined);
          const took =
            start !== undefined
              ? item.state === "current"
                ? now - start
                : nextStart !== undefined
                  ? nextStart - start
                  : undefined
              : undefined;
          return (
            <li
              key={item.index}
              className={`${styles.step} ${styles[item.state]}`}
              aria-current={item.state === "current" ? "step" : undefined}
              data-testid="timeline-step"
              data-state={item.state}
            >
              <span className={styles.stepIcon} aria-hidden="true">
                {stateIcon[item.state]}
              </span>
              <span className="visually-hidden">{item.state}: </span>
              <span className={styles.stepText}>{describe(item)}</span>
              <span className={styles.stepDetail}>
                {item.type === "pause" && item.state === "current" ? (
                  item.endsAt ? (
                    <strong>resumes in {formatDuration(Date.parse(item.endsAt) - now)}</strong>
                  ) : item.durationSeconds === undefined ? (
                    <strong className={styles.waiting}>waiting for promotion</strong>
                  ) : null
                ) : null}
                {item.type === "gate" && item.state === "current" ? (
                  <strong className={styles.waiting}>waiting for approval</strong>
                ) : null}
                {(item.type === "analysis" || item.type === "experiment") && item.run ? (
                  <span title={isolate(item.run.message)}>
                    <ClusterText>{item.run.name}</ClusterText>:{" "}
                    {item.run.phase ? <ClusterText>{item.run.phase}</ClusterText> : "no status yet"}
                  </span>
                ) : null}
                {start !== undefined ? (
                  <span className={styles.muted} title={formatDateTime(start)}>
                    {" "}
                    started {formatClock(start)}
                  </span>
                ) : null}
                {took !== undefined ? (
                  <span className={styles.muted}>
                    {" "}
                    · {item.state === "current" ? "for" : "took"} {formatDuration(took)}
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
