// The test cluster's simulated Istio mesh (started by start.sh): users' requests to every Canary and
// Rollout, split by the real VirtualService weights and ready replicas, counted as Istio's sidecars
// count them and served at /metrics for the cluster's Prometheus (a file_sd target is written); and
// the network proxy that lets host processes reach Services (see network-proxy.ts).
//
// Usage: node --import tsx e2e/cluster/mesh/main.ts --kubeconfig F --metrics-port N --proxy-port N
//        [--targets-dir D]
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { KubeClusterSource, loadKubeConfigs } from "@rollscope/api/kube";
import { silentLogger } from "@rollscope/api/observability/logger";
import { MeshSimulator } from "@rollscope/demo-cluster";
import { clusterObjects } from "./cluster-objects";
import { NetworkProxy } from "./network-proxy";

const { values } = parseArgs({
  options: {
    kubeconfig: { type: "string" },
    "metrics-port": { type: "string" },
    "proxy-port": { type: "string" },
    "targets-dir": { type: "string" },
  },
});
if (!values.kubeconfig || !values["metrics-port"] || !values["proxy-port"]) {
  console.error("usage: main.ts --kubeconfig F --metrics-port N --proxy-port N [--targets-dir D]");
  process.exit(2);
}

const [config] = loadKubeConfigs({ kubeconfig: values.kubeconfig });
if (!config) throw new Error(`no context in ${values.kubeconfig}`);
const source = new KubeClusterSource({ kubeConfig: config.kubeConfig, logger: silentLogger() });
await source.start();

const mesh = new MeshSimulator({ store: clusterObjects(source.store), clock: { nowMs: () => Date.now() } });
mesh.start();
const metrics = await mesh.serve("127.0.0.1", Number(values["metrics-port"]));
const proxy = await new NetworkProxy(config.kubeConfig).listen(Number(values["proxy-port"]));
if (values["targets-dir"]) {
  const target = [{ targets: [`127.0.0.1:${metrics.port}`], labels: { mesh: "rollscope-test" } }];
  writeFileSync(join(values["targets-dir"], "mesh.json"), `${JSON.stringify(target)}\n`);
}
console.log(`mesh: metrics ${metrics.url}/metrics, network proxy http://127.0.0.1:${proxy.port}`);

const shutdown = async () => {
  mesh.stop();
  await Promise.allSettled([metrics.close(), proxy.close(), source.stop()]);
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
