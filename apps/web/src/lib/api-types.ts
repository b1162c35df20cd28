// Shapes of the API's answers, inferred from its router (types only).
import type { AppRouter } from "@rollscope/api/router";
import type { inferRouterOutputs } from "@trpc/server";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type DeliveryDetailData = RouterOutputs["deliveries"]["get"];
export type AuditEntryData = RouterOutputs["audit"]["list"][number];
export type HistoryData = RouterOutputs["history"]["get"];
export type HistoryPointData = HistoryData["points"][number];
export type HistoryLifeData = HistoryData["earlierLives"][number];
export type HistoryMarkerKind = HistoryPointData["markers"][number]["kind"];
export type DeliverySeriesData = RouterOutputs["metrics"]["series"];
export type MetricSeriesData = DeliverySeriesData["metrics"][number];
