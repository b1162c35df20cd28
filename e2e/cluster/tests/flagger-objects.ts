// The Flagger objects the suite applies: a podinfo Deployment and its Istio Canary (upstream's
// tutorial shape), and a flagger-loadtester Service served by the real loadtester on the host
// (through the mesh's network proxy, see e2e/cluster/mesh/network-proxy.ts).
import { cluster } from "./cluster";

export const podinfoImage = (tag: string) => `ghcr.io/stefanprodan/podinfo:${tag}`;

export function namespace(name: string) {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name } };
}

/** A Deployment and Service named flagger-loadtester, answered by the real loadtester process. */
export function loadtester(ns: string) {
  const hostEndpoint = new URL(cluster.LOADTESTER_URL ?? "http://127.0.0.1:17082").host;
  const labels = { app: "flagger-loadtester" };
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "flagger-loadtester", namespace: ns },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: "loadtester",
                image: "ghcr.io/fluxcd/flagger-loadtester:0.36.0",
                ports: [{ name: "http", containerPort: 8080 }],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: "flagger-loadtester",
        namespace: ns,
        annotations: { "test.rollscope.dev/host-endpoint": hostEndpoint },
      },
      spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
    },
  ];
}

export function podinfo(ns: string, tag: string) {
  const labels = { app: "podinfo" };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "podinfo", namespace: ns },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: "podinfod", image: podinfoImage(tag), ports: [{ containerPort: 9898 }] }],
        },
      },
    },
  };
}

/** Istio canary: 25% steps to 50%, Flagger's builtin success-rate and latency checks over 30 s. */
export function canary(ns: string, webhooks: Array<{ name: string; type: string; path: string }>) {
  return {
    apiVersion: "flagger.app/v1beta1",
    kind: "Canary",
    metadata: { name: "podinfo", namespace: ns },
    spec: {
      targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "podinfo" },
      progressDeadlineSeconds: 60,
      service: { port: 9898 },
      analysis: {
        interval: "3s",
        threshold: 3,
        maxWeight: 50,
        stepWeight: 25,
        metrics: [
          { name: "request-success-rate", thresholdRange: { min: 99 }, interval: "30s" },
          { name: "request-duration", thresholdRange: { max: 500 }, interval: "30s" },
        ],
        webhooks: webhooks.map((w) => ({
          name: w.name,
          type: w.type,
          url: `http://flagger-loadtester.${ns}${w.path}`,
        })),
      },
    },
  };
}
