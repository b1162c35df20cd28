"use client";
// The charts, loaded only where they are drawn: Recharts stays out of every other route's first-load
// JavaScript, and the charts render in the browser only (they measure their container).
import dynamic from "next/dynamic";
import styles from "./charts.module.css";

function Loading({ what }: { what: string }) {
  return (
    <div className={styles.loading} role="status">
      Loading {what}…
    </div>
  );
}

export const LazyWeightChart = dynamic(() => import("./weight-chart").then((m) => m.WeightChart), {
  ssr: false,
  loading: () => <Loading what="weight chart" />,
});

export const LazyAnalysisPanel = dynamic(
  () => import("../analysis/analysis-panel").then((m) => m.AnalysisPanel),
  { ssr: false, loading: () => <Loading what="analysis" /> },
);
