// Shapes the charts draw: the API's answers (lib/api-types).
export type {
  DeliveryDetailData,
  DeliverySeriesData,
  HistoryLifeData,
  HistoryMarkerKind,
  HistoryPointData,
} from "../../lib/api-types";
