// What pages import: lazy wrappers only, so importing this never pulls Recharts into a bundle.
export type { AnalysisPanelProps } from "../analysis/analysis-panel";
export { LazyAnalysisPanel, LazyWeightChart } from "./lazy-charts";
export type { WeightChartProps } from "./weight-chart";
