// Public surface of @rollscope/demo-cluster: the demo ClusterSource, the raw objects and watch events of
// its in-process API server, the mesh simulator (e2e/cluster also runs it against a real cluster) and
// the lookup of the Prometheus binary it starts.
export { DemoClusterSource, type DemoLog, type DemoOptions } from "./demo-cluster-source";
export type { DemoWatchEvent, RawObject } from "./demo-store";
export { type MeshObjects, MeshSimulator } from "./mesh";
export { findPrometheusBinary } from "./prometheus-process";
