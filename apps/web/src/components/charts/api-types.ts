// Shapes of the API answers the charts draw, inferred from its router (types only, nothing runs).
import type { AppRouter } from "@rollscope/api/router";
import type { inferRouterOutputs } from "@trpc/server";

type Outputs = inferRouterOutputs<AppRouter>;
export type HistoryPointData = Outputs["history"]["get"][number];
export type HistoryMarkerKind = HistoryPointData["markers"][number]["kind"];
export type DeliverySeriesData = Outputs["metrics"]["series"];
export type MetricSeriesData = DeliverySeriesData["metrics"][number];
export type DeliveryDetailData = Outputs["deliveries"]["get"];

/** A Prometheus answer or the reason there is none, as the API sends it per panel. */
export type PromResult<T> = { ok: true; value: T } | { ok: false; error: string };
/** Prometheus range samples: [unix seconds, value]. */
export type Samples = Array<[number, number]>;
/** One plotted sample, time in epoch milliseconds. */
export interface SeriesPoint {
  t: number;
  value: number;
}
