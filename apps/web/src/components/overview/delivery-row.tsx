"use client";
// One delivery in the overview table.
import type { DeliverySummary } from "@rollscope/shared";
import { actionLabels } from "@rollscope/shared/actions/action-labels";
import { canaryImageLabel, shortImageName } from "@rollscope/shared/images/image-labels";
import Link from "next/link";
import { memo } from "react";
import { isolate } from "../../lib/bidi-isolate";
import { deliveryHref } from "../../lib/delivery-href";
import { ClusterText, ClusterTextList } from "../cluster-text";
import { StatusBadge } from "../delivery/status-badge";
import { WeightBar } from "../delivery/weight-bar";
import { RelativeTime } from "../relative-time";
import styles from "./overview.module.css";

function progress(d: DeliverySummary): string {
  if (d.step) return `${d.step.index}/${d.step.total}`;
  if (d.iteration) return `iter ${d.iteration.n}/${d.iteration.of}`;
  return "—";
}

const analysisTone: Record<string, string> = {
  Successful: "✔",
  Running: "◌",
  Pending: "◷",
  Failed: "✖",
  Error: "⚠",
  Inconclusive: "?",
};

export const DeliveryRow = memo(function DeliveryRow(props: {
  d: DeliverySummary;
  index: number;
  selected: boolean;
  favourite: boolean;
  onToggleFavourite(): void;
  onPromote(): void;
  onSelect(): void;
}) {
  const { d, selected } = props;
  const stable = d.images.filter((i) =>
    i.tags.some((t) => t === "stable" || t === "active" || t === "primary"),
  );
  const canary = d.images.filter((i) => i.tags.some((t) => t === "canary" || t === "preview"));
  const promote = d.actions.find((a) => a.action === "promote");
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      aria-selected={selected}
      className={`${styles.row} ${selected ? styles.selected : ""}`}
      onClick={props.onSelect}
      data-testid="delivery-row"
      data-name={d.ref.name}
    >
      <div role="gridcell" className={styles.star}>
        <button
          type="button"
          className={styles.starButton}
          aria-pressed={props.favourite}
          aria-label={
            props.favourite ? `Remove ${d.ref.name} from favourites` : `Add ${d.ref.name} to favourites`
          }
          onClick={(e) => {
            e.stopPropagation();
            props.onToggleFavourite();
          }}
        >
          {props.favourite ? "★" : "☆"}
        </button>
      </div>
      <div role="gridcell">
        <StatusBadge phase={d.phase} rawPhase={d.rawPhase} waiting={d.waitingForPerson} />
      </div>
      <div role="gridcell" className={styles.name}>
        <Link
          href={deliveryHref(d.ref)}
          // Every row scrolled into view would fetch the delivery page's payload: thousands on a long list.
          prefetch={false}
          title={isolate(d.message || d.ref.name)}
          tabIndex={selected ? 0 : -1}
        >
          <ClusterText>{d.ref.name}</ClusterText>
        </Link>
        {d.message ? (
          <div className={styles.message}>
            <ClusterText>{d.message}</ClusterText>
          </div>
        ) : null}
      </div>
      <div role="gridcell" className={styles.muted}>
        <ClusterText>{d.ref.namespace}</ClusterText>
        <div className={styles.cluster}>
          <ClusterText>{d.ref.cluster}</ClusterText>
        </div>
      </div>
      <div role="gridcell" className={styles.muted}>
        {d.controller === "argo" ? "Argo" : "Flagger"}
        <div className={styles.cluster}>{d.strategy}</div>
      </div>
      <div role="gridcell" className={styles.num}>
        {progress(d)}
      </div>
      <div role="gridcell">
        {d.strategy === "blueGreen" && d.controller === "argo" ? (
          <span className={styles.muted}>blue-green</span>
        ) : (
          <WeightBar setWeight={d.setWeight} actualWeight={d.actualWeight} maxWeight={d.maxWeight} />
        )}
      </div>
      <div
        role="gridcell"
        className={styles.analysis}
        title={
          d.analysis
            ? `${isolate(d.analysis.name)}: ${isolate(d.analysis.phase)}${d.analysis.message ? ` — ${isolate(d.analysis.message)}` : ""}`
            : "No analysis"
        }
      >
        {d.analysis ? (
          <>
            <span aria-hidden="true">{analysisTone[d.analysis.phase] ?? "•"}</span>{" "}
            <ClusterText>{d.analysis.phase}</ClusterText>
            {d.analysis.phase === "Running" && d.analysis.failedMeasurements > 0 ? (
              <span className={styles.failing}>
                <span className="visually-hidden">, </span>
                {d.analysis.failedMeasurements} failed
              </span>
            ) : null}
          </>
        ) : (
          <span className={styles.muted}>—</span>
        )}
      </div>
      <div role="gridcell" className={styles.images}>
        <span title={stable.map((i) => isolate(i.image)).join(", ")}>
          {stable.length > 0 ? <ClusterTextList items={stable.map((i) => shortImageName(i.image))} /> : "—"}
        </span>
        {canary.length > 0 ? (
          <span title={canary.map((i) => isolate(i.image)).join(", ")}>
            {" → "}
            <strong>
              <ClusterTextList items={canary.map((i) => canaryImageLabel(i.image, stable[0]?.image))} />
            </strong>
          </span>
        ) : null}
      </div>
      <div role="gridcell" className={styles.muted}>
        <RelativeTime iso={d.lastChangeAt} />
      </div>
      <div role="gridcell">
        {d.waitingForPerson && promote ? (
          <button
            type="button"
            className={styles.promote}
            disabled={!promote.enabled}
            title={
              promote.enabled
                ? `${actionLabels.promote} via ${isolate(promote.lever)}`
                : isolate(promote.reason)
            }
            onClick={(e) => {
              e.stopPropagation();
              props.onPromote();
            }}
          >
            {actionLabels.promote}
          </button>
        ) : null}
      </div>
    </div>
  );
});
