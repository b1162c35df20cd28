"use client";
// One delivery, live: header, actions, step timeline, weight chart, analysis, revisions, activity.
import type { DeliveryRef } from "@rollscope/shared";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "../../lib/trpc";
import { LazyAnalysisPanel, LazyWeightChart } from "../charts";
import { ClusterText } from "../cluster-text";
import { ActionsBar } from "./actions-bar";
import { ActivityTimeline } from "./activity-timeline";
import { DeliveryHeader } from "./delivery-header";
import styles from "./delivery-page.module.css";
import { RevisionsPanel } from "./revisions-panel";
import { StepTimeline } from "./step-timeline";
import { useLiveDetail } from "./use-live-detail";

export function DeliveryPage({ target }: { target: DeliveryRef }) {
  const trpc = useTRPC();
  const live = useLiveDetail(target);
  const history = useQuery({ ...trpc.history.get.queryOptions({ target }), refetchInterval: 3_000 });
  const detail = live.detail;
  if (detail === null) {
    return (
      <div className={styles.page}>
        <p role="alert" className={styles.notFound}>
          {target.kind} <ClusterText>{target.namespace}</ClusterText>/<ClusterText>{target.name}</ClusterText>{" "}
          no longer exists in cluster <ClusterText>{target.cluster}</ClusterText>.{" "}
          <Link href="/">Back to the overview</Link>
        </p>
      </div>
    );
  }
  if (detail === undefined) {
    return (
      <div className={styles.page}>
        <p className={styles.muted} role={live.error ? "alert" : "status"}>
          {live.error ? (
            <>
              Could not load {target.kind} <ClusterText>{target.namespace}</ClusterText>/
              <ClusterText>{target.name}</ClusterText>: <ClusterText>{live.error}</ClusterText>
            </>
          ) : (
            "Loading…"
          )}
        </p>
      </div>
    );
  }
  const d = detail.delivery;
  const interval = detail.analysisIntervalSeconds;
  return (
    <div className={styles.page}>
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <Link href="/">Overview</Link> / <ClusterText>{d.ref.cluster}</ClusterText> /{" "}
        <ClusterText>{d.ref.namespace}</ClusterText> /{" "}
        <span aria-current="page">
          <ClusterText>{d.ref.name}</ClusterText>
        </span>
        <span className={styles.liveDot} role="status">
          {live.status === "pending" ? "● Live" : "◌ Reconnecting…"}
        </span>
      </nav>
      <DeliveryHeader d={d} />
      <ActionsBar d={d} />
      <div className={styles.columns}>
        <div className={styles.mainColumn}>
          <section className={styles.panel} aria-labelledby="weight-title">
            <h2 id="weight-title" className={styles.panelTitle}>
              Traffic weight
            </h2>
            <LazyWeightChart target={target} delivery={d} />
          </section>
          <section className={styles.panel} aria-labelledby="analysis-title">
            <h2 id="analysis-title" className={styles.panelTitle}>
              Analysis
            </h2>
            <LazyAnalysisPanel target={target} detail={detail} />
          </section>
          <RevisionsPanel d={d} />
        </div>
        <div className={styles.sideColumn}>
          <StepTimeline
            d={d}
            history={history.data?.points ?? []}
            {...(interval !== undefined ? { intervalSeconds: interval } : {})}
          />
          <ActivityTimeline target={target} events={detail.events} />
        </div>
      </div>
    </div>
  );
}
