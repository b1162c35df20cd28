// Shapes the charts draw: the API's answers (lib/api-types) and the plotted forms made from them.
export type {
  DeliveryDetailData,
  DeliverySeriesData,
  HistoryLifeData,
  HistoryMarkerKind,
  HistoryPointData,
  MetricSeriesData,
} from "../../lib/api-types";

/** A Prometheus answer or the reason there is none, as the API sends it per panel. */
export type PromResult<T> = { ok: true; value: T } | { ok: false; error: string };
/** Prometheus range samples: [unix seconds, value]. */
export type Samples = Array<[number, number]>;
/** One plotted sample, time in epoch milliseconds. */
export interface SeriesPoint {
  t: number;
  value: number;
}
