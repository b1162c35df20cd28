// The Flagger objects of the demo cluster, written after the seeds in ../shared/fixtures/seeds:
// test/podinfo (weighted canary, builtin metrics), prod/frontend (A/B by header and cookie, with
// MetricTemplates in istio-system) and shop/cart (held at a confirm-promotion gate of the demo
// loadtester). Plain objects, as `kubectl apply` would send them; Flagger fills in the rest.
import type { RawObject } from "../demo-store";

export interface TargetDeploymentSpec {
  namespace: string;
  name: string;
  image: string;
  container: string;
  port: number;
  replicas?: number;
}

/** A Canary's target Deployment, shaped like podinfo's kustomize manifest. */
export function targetDeployment(s: TargetDeploymentSpec): RawObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: s.name, namespace: s.namespace, labels: { app: s.name } },
    spec: {
      replicas: s.replicas ?? 2,
      minReadySeconds: 5,
      revisionHistoryLimit: 5,
      progressDeadlineSeconds: 60,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { app: s.name } },
      template: {
        metadata: {
          labels: { app: s.name },
          annotations: { "prometheus.io/scrape": "true", "prometheus.io/port": "9797" },
        },
        spec: {
          containers: [
            {
              name: s.container,
              image: s.image,
              imagePullPolicy: "IfNotPresent",
              ports: [{ name: "http", containerPort: s.port, protocol: "TCP" }],
              resources: {
                limits: { cpu: "2000m", memory: "512Mi" },
                requests: { cpu: "100m", memory: "64Mi" },
              },
            },
          ],
        },
      },
    },
  };
}

/** The flagger-loadtester Deployment (its Service `flagger-loadtester:80` is not modelled). */
export function loadtesterDeployment(namespace: string): RawObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "flagger-loadtester", namespace, labels: { app: "flagger-loadtester" } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "flagger-loadtester" } },
      template: {
        metadata: { labels: { app: "flagger-loadtester" }, annotations: { "prometheus.io/scrape": "true" } },
        spec: {
          containers: [
            {
              name: "loadtester",
              image: "ghcr.io/fluxcd/flagger-loadtester:0.34.0",
              ports: [{ name: "http", containerPort: 8080 }],
              command: ["./loadtester", "-port=8080", "-log-level=info", "-timeout=1h"],
            },
          ],
        },
      },
    },
    status: {
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
    },
  };
}

export function podinfoCanary(): RawObject {
  return {
    apiVersion: "flagger.app/v1beta1",
    kind: "Canary",
    metadata: { name: "podinfo", namespace: "test" },
    spec: {
      targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "podinfo" },
      progressDeadlineSeconds: 60,
      service: {
        port: 9898,
        gateways: ["public-gateway.istio-system.svc.cluster.local"],
        hosts: ["app.istio.example.com"],
        trafficPolicy: { tls: { mode: "DISABLE" } },
      },
      analysis: {
        interval: "30s",
        threshold: 10,
        maxWeight: 50,
        stepWeight: 5,
        metrics: [
          { name: "request-success-rate", threshold: 99, interval: "30s" },
          { name: "request-duration", threshold: 500, interval: "30s" },
        ],
        webhooks: [
          {
            name: "load-test",
            url: "http://flagger-loadtester.test/",
            timeout: "5s",
            metadata: { cmd: "hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/" },
          },
        ],
      },
    },
  };
}

export function frontendCanary(): RawObject {
  return {
    apiVersion: "flagger.app/v1beta1",
    kind: "Canary",
    metadata: { name: "frontend", namespace: "prod" },
    spec: {
      targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "frontend" },
      service: { port: 80, targetPort: 9898, gateways: ["istio-system/public-gateway"], hosts: ["*"] },
      analysis: {
        interval: "10s",
        threshold: 10,
        iterations: 12,
        match: [
          { headers: { "user-agent": { regex: ".*Firefox.*" } } },
          { headers: { cookie: { regex: "^(.*?;)?(type=insider)(;.*)?$" } } },
        ],
        metrics: [
          {
            name: "error-rate",
            templateRef: { name: "error-rate", namespace: "istio-system" },
            thresholdRange: { max: 1 },
            interval: "30s",
          },
          {
            name: "latency",
            templateRef: { name: "latency", namespace: "istio-system" },
            thresholdRange: { max: 500 },
            interval: "30s",
          },
        ],
        webhooks: [
          {
            name: "conformance-test",
            type: "pre-rollout",
            url: "http://flagger-loadtester.prod/",
            timeout: "15s",
            metadata: { type: "bash", cmd: "curl -sd 'test' http://frontend-canary.prod/token | grep token" },
          },
          {
            // Load on the canary Service, so the analysis has canary traffic to measure.
            name: "load-test",
            url: "http://flagger-loadtester.prod/",
            timeout: "5s",
            metadata: { cmd: "hey -z 1m -q 10 -c 2 -H 'Cookie: type=insider' http://frontend-canary.prod/" },
          },
        ],
      },
    },
  };
}

export function cartCanary(): RawObject {
  return {
    apiVersion: "flagger.app/v1beta1",
    kind: "Canary",
    metadata: { name: "cart", namespace: "shop" },
    spec: {
      targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "cart" },
      service: { port: 80, targetPort: 8080 },
      analysis: {
        interval: "15s",
        threshold: 5,
        maxWeight: 60,
        stepWeight: 20,
        metrics: [
          { name: "request-success-rate", thresholdRange: { min: 99 }, interval: "1m" },
          { name: "request-duration", thresholdRange: { max: 500 }, interval: "1m" },
        ],
        webhooks: [
          {
            name: "approve",
            type: "confirm-promotion",
            url: "http://flagger-loadtester.test/gate/check",
          },
          {
            name: "load-test",
            url: "http://flagger-loadtester.test/",
            timeout: "5s",
            metadata: { cmd: "hey -z 1m -q 5 -c 2 http://cart-canary.shop/" },
          },
        ],
      },
    },
  };
}

const ERROR_RATE_QUERY = `100 - sum(
    rate(
        istio_requests_total{
            reporter="destination",
            destination_workload_namespace="{{ namespace }}",
            destination_workload="{{ target }}",
            response_code!~"5.*"
        }[{{ interval }}]
    )
)
/
sum(
    rate(
        istio_requests_total{
            reporter="destination",
            destination_workload_namespace="{{ namespace }}",
            destination_workload="{{ target }}"
        }[{{ interval }}]
    )
)
* 100
`;

const LATENCY_QUERY = `histogram_quantile(
    0.99,
    sum(
        rate(
            istio_request_duration_milliseconds_bucket{
                reporter="destination",
                destination_workload_namespace="{{ namespace }}",
                destination_workload=~"{{ target }}"
            }[{{ interval }}]
        )
    ) by (le)
)
`;

/** The error-rate and latency MetricTemplates of Flagger's Istio docs. */
export function istioMetricTemplates(): RawObject[] {
  const template = (name: string, query: string): RawObject => ({
    apiVersion: "flagger.app/v1beta1",
    kind: "MetricTemplate",
    metadata: { name, namespace: "istio-system" },
    spec: { provider: { type: "prometheus", address: "http://prometheus.istio-system:9090" }, query },
  });
  return [template("error-rate", ERROR_RATE_QUERY), template("latency", LATENCY_QUERY)];
}

export const scenarioImages = {
  podinfo: "ghcr.io/stefanprodan/podinfo:6.0.0",
  frontend: "docker.io/weaveworksdemos/front-end:0.3.12",
  cart: "docker.io/weaveworksdemos/carts:0.4.8",
} as const;

/** The Deployments the scenarios' Canaries target, at their first image. */
export const podinfoDeployment = () =>
  targetDeployment({
    namespace: "test",
    name: "podinfo",
    image: scenarioImages.podinfo,
    container: "podinfod",
    port: 9898,
  });
export const frontendDeployment = (replicas?: number) =>
  targetDeployment({
    namespace: "prod",
    name: "frontend",
    image: scenarioImages.frontend,
    container: "front-end",
    port: 8079,
    ...(replicas !== undefined ? { replicas } : {}),
  });
export const cartDeployment = () =>
  targetDeployment({
    namespace: "shop",
    name: "cart",
    image: scenarioImages.cart,
    container: "carts",
    port: 8080,
  });

/** Every object of the three scenarios, in apply order. */
export function flaggerScenarioObjects(): RawObject[] {
  return [
    loadtesterDeployment("test"),
    loadtesterDeployment("prod"),
    ...istioMetricTemplates(),
    podinfoDeployment(),
    podinfoCanary(),
    frontendDeployment(3),
    frontendCanary(),
    cartDeployment(),
    cartCanary(),
  ];
}
