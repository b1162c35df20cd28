// The demo's simulated Istio mesh: traffic, /metrics, and a metric provider for when no Prometheus runs.

export { EXPOSITION_CONTENT_TYPE } from "./exposition";
export { MeshMetricProvider } from "./mesh-metric-provider";
export { MeshSimulator, type MeshSimulatorOptions } from "./mesh-simulator";
export type { MeshObjects } from "./routing";
