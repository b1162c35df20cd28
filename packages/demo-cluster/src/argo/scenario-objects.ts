// Builders for the Argo objects of the demo scenarios (and the tests): plain Kubernetes-shaped
// objects, written out in TypeScript so the demo does not depend on files outside the repository.
import type { RawObject } from "../demo-store";

export const DEMO_IMAGE = "argoproj/rollouts-demo";
export const image = (tag: string) => `${DEMO_IMAGE}:${tag}`;

export function podTemplate(app: string, imageRef: string): Record<string, unknown> {
  return {
    metadata: { labels: { app } },
    spec: {
      containers: [
        {
          name: app,
          image: imageRef,
          ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
          resources: { requests: { memory: "32Mi", cpu: "5m" } },
        },
      ],
    },
  };
}

/** An Istio success-rate template over `{{args.service}}.{{args.namespace}}`, as in the Argo docs. */
export function successRateTemplate(
  namespace: string,
  name: string,
  metric: {
    initialDelay?: string;
    interval: string;
    count?: number;
    failureLimit?: number;
    threshold: number;
  },
): RawObject {
  const selector = 'destination_service=~"{{args.service}}.{{args.namespace}}.svc.cluster.local"';
  const total = `sum(rate(istio_requests_total{\n  reporter="source",\n  ${selector}}[2m])\n)`;
  const ok = `sum(rate(istio_requests_total{\n  reporter="source",\n  ${selector},\n  response_code!~"5.*"}[2m])\n)`;
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisTemplate",
    metadata: { name, namespace },
    spec: {
      args: [{ name: "service" }, { name: "namespace" }],
      metrics: [
        {
          name: "success-rate",
          ...(metric.initialDelay ? { initialDelay: metric.initialDelay } : {}),
          interval: metric.interval,
          ...(metric.count ? { count: metric.count } : {}),
          successCondition: `len(result) == 0 || result[0] > ${metric.threshold}`,
          failureLimit: metric.failureLimit ?? 0,
          provider: {
            prometheus: {
              address: "http://prometheus.istio-system:9090",
              query: `${ok}\n/\n${total}\nunless ${total} == 0\n`,
            },
          },
        },
      ],
    },
  };
}

export function virtualService(
  namespace: string,
  name: string,
  host: string,
  stable: string,
  canary: string,
): RawObject {
  return {
    apiVersion: "networking.istio.io/v1beta1",
    kind: "VirtualService",
    metadata: { name, namespace },
    spec: {
      gateways: [`${host.split(".")[0]}-gateway`],
      hosts: [host],
      http: [
        {
          name: "primary",
          route: [
            { destination: { host: stable }, weight: 100 },
            { destination: { host: canary }, weight: 0 },
          ],
        },
      ],
    },
  };
}

export interface CanaryRolloutInput {
  namespace: string;
  name: string;
  image: string;
  replicas?: number;
  steps: unknown[];
  /** Istio traffic routing through `<name>-vsvc`, stable/canary services `<name>-stable-svc`/`-canary-svc`. */
  istio?: boolean;
  analysis?: Record<string, unknown>;
  revisionHistoryLimit?: number;
}

export function canaryRollout(input: CanaryRolloutInput): RawObject {
  const { name } = input;
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name, namespace: input.namespace, labels: { app: name } },
    spec: {
      ...(input.replicas !== undefined ? { replicas: input.replicas } : {}),
      revisionHistoryLimit: input.revisionHistoryLimit ?? 2,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, input.image),
      strategy: {
        canary: {
          canaryService: `${name}-canary-svc`,
          stableService: `${name}-stable-svc`,
          ...(input.analysis ? { analysis: input.analysis } : {}),
          ...(input.istio
            ? { trafficRouting: { istio: { virtualService: { name: `${name}-vsvc`, routes: ["primary"] } } } }
            : {}),
          steps: input.steps,
        },
      },
    },
  };
}

export interface BlueGreenRolloutInput {
  namespace: string;
  name: string;
  image: string;
  replicas?: number;
  autoPromotionEnabled?: boolean;
  autoPromotionSeconds?: number;
  previewReplicaCount?: number;
  scaleDownDelaySeconds?: number;
  prePromotionAnalysis?: Record<string, unknown>;
  postPromotionAnalysis?: Record<string, unknown>;
}

export function blueGreenRollout(input: BlueGreenRolloutInput): RawObject {
  const { name } = input;
  const { namespace, image: img, replicas, ...strategy } = input;
  const { name: _n, ...blueGreen } = strategy;
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      replicas: replicas ?? 3,
      revisionHistoryLimit: 2,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, img),
      strategy: {
        blueGreen: { activeService: `${name}-active`, previewService: `${name}-preview`, ...blueGreen },
      },
    },
  };
}

/** `valueFrom.fieldRef metadata.namespace`, as the seed rollout passes the namespace. */
export const namespaceArg = {
  name: "namespace",
  valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } },
};

type SuccessRate = Parameters<typeof successRateTemplate>[2];

/**
 * rollouts-demo/myapp, the Istio canary of the Argo Rollouts walkthrough: background analysis with
 * AnalysisTemplate istio-success-rate from step 1, weights written to VirtualService myapp-vsvc.
 */
export function walkthroughObjects(metric: SuccessRate, steps: unknown[]): RawObject[] {
  const ns = "rollouts-demo";
  return [
    successRateTemplate(ns, "istio-success-rate", metric),
    virtualService(ns, "myapp-vsvc", "myapp.apps.argoproj.io", "myapp-stable-svc", "myapp-canary-svc"),
    canaryRollout({
      namespace: ns,
      name: "myapp",
      image: image("blue"),
      replicas: 5,
      istio: true,
      analysis: {
        startingStep: 1,
        templates: [{ templateName: "istio-success-rate" }],
        args: [{ name: "service", value: "myapp-canary-svc" }, namespaceArg],
      },
      steps,
    }),
  ];
}

/** The analysis step of shop/checkout, with AnalysisTemplate checkout-success-rate. */
export const checkoutAnalysisStep = {
  analysis: {
    templates: [{ templateName: "checkout-success-rate" }],
    args: [{ name: "service", value: "checkout-canary-svc" }, namespaceArg],
  },
};

/** shop/checkout: an Istio canary whose steps hold an analysis step (checkoutAnalysisStep). */
export function checkoutObjects(metric: SuccessRate, steps: unknown[]): RawObject[] {
  const ns = "shop";
  return [
    successRateTemplate(ns, "checkout-success-rate", metric),
    virtualService(
      ns,
      "checkout-vsvc",
      "checkout.shop.example.com",
      "checkout-stable-svc",
      "checkout-canary-svc",
    ),
    canaryRollout({
      namespace: ns,
      name: "checkout",
      image: image("green"),
      replicas: 4,
      istio: true,
      steps,
    }),
  ];
}
