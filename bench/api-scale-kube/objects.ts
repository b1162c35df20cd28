// The objects of one delivery as a real API server holds them after its controllers ran: a canary
// Rollout paused at its second step with its two ReplicaSets, a Running pod and a successful
// AnalysisRun; a Flagger Canary progressing at 20% with its Deployment and the primary. Each object is
// created, then given its status through the status subresource, as a controller writes it.

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: unknown;
  status?: unknown;
}

export const namespaceOf = (i: number, namespaces: number) =>
  `scale-${String(i % namespaces).padStart(4, "0")}`;
export const rolloutNameOf = (i: number) => `svc-${String(i).padStart(5, "0")}`;
export const canaryNameOf = (i: number) => `web-${String(i).padStart(5, "0")}`;

const podTemplate = (app: string, image: string, hash?: string) => ({
  metadata: { labels: { app, ...(hash ? { "rollouts-pod-template-hash": hash } : {}) } },
  spec: { containers: [{ name: "app", image, resources: { requests: { cpu: "10m", memory: "16Mi" } } }] },
});

export function rolloutObjects(i: number, namespaces: number): KubeObject[] {
  const namespace = namespaceOf(i, namespaces);
  const name = rolloutNameOf(i);
  const stable = "6d4f8b9c7a";
  const canary = "7b5c9d8e6f";
  const replicaSet = (hash: string, revision: number, image: string, replicas: number): KubeObject => ({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${name}-${hash}`,
      namespace,
      labels: { app: name, "rollouts-pod-template-hash": hash },
      annotations: { "rollout.argoproj.io/revision": String(revision) },
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: name, "rollouts-pod-template-hash": hash } },
      template: podTemplate(name, image, hash),
    },
    status: {
      replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      fullyLabeledReplicas: replicas,
      observedGeneration: 1,
    },
  });
  return [
    {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Rollout",
      metadata: { name, namespace, annotations: { "rollout.argoproj.io/revision": "2" } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: podTemplate(name, "ghcr.io/acme/app:1.1.0"),
        strategy: {
          canary: {
            steps: [
              { setWeight: 20 },
              { pause: {} },
              { analysis: { templates: [{ templateName: "success-rate" }] } },
              { setWeight: 50 },
            ],
          },
        },
      },
      status: {
        phase: "Paused",
        message: "CanaryPauseStep",
        observedGeneration: "1",
        currentPodHash: canary,
        stableRS: stable,
        currentStepIndex: 1,
        currentStepHash: "5f8c7d9b6",
        pauseConditions: [{ reason: "CanaryPauseStep", startTime: "2026-12-07T10:00:00Z" }],
        controllerPause: true,
        replicas: 2,
        updatedReplicas: 1,
        readyReplicas: 2,
        availableReplicas: 2,
        canary: {
          weights: {
            canary: { podTemplateHash: canary, weight: 20 },
            stable: { podTemplateHash: stable, weight: 80 },
          },
        },
        conditions: [
          {
            type: "Available",
            status: "True",
            reason: "AvailableReason",
            message: "Rollout has minimum availability",
            lastTransitionTime: "2026-12-07T09:00:00Z",
            lastUpdateTime: "2026-12-07T09:00:00Z",
          },
          {
            type: "Paused",
            status: "True",
            reason: "RolloutPaused",
            message: "Rollout is paused",
            lastTransitionTime: "2026-12-07T10:00:00Z",
            lastUpdateTime: "2026-12-07T10:00:00Z",
          },
        ],
      },
    },
    replicaSet(stable, 1, "ghcr.io/acme/app:1.0.0", 1),
    replicaSet(canary, 2, "ghcr.io/acme/app:1.1.0", 1),
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: `${name}-${canary}-x7k2p`,
        namespace,
        labels: { app: name, "rollouts-pod-template-hash": canary },
      },
      spec: { containers: [{ name: "app", image: "ghcr.io/acme/app:1.1.0" }] },
      status: {
        phase: "Running",
        conditions: [{ type: "Ready", status: "True" }],
        containerStatuses: [
          {
            name: "app",
            image: "ghcr.io/acme/app:1.1.0",
            imageID: "",
            ready: true,
            restartCount: 0,
            started: true,
            state: { running: { startedAt: "2026-12-07T10:00:00Z" } },
          },
        ],
      },
    },
    {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "AnalysisRun",
      metadata: {
        name: `${name}-${canary}-2`,
        namespace,
        labels: { "rollouts-pod-template-hash": canary, "rollout-type": "Step", "step-index": "2" },
        annotations: { "rollout.argoproj.io/revision": "2" },
      },
      spec: {
        metrics: [
          {
            name: "success-rate",
            interval: "30s",
            count: 3,
            successCondition: "result[0] >= 0.95",
            provider: {
              prometheus: {
                address: "http://prometheus:9090",
                query: "sum(rate(ok[1m]))/sum(rate(all[1m]))",
              },
            },
          },
        ],
      },
      status: {
        phase: "Successful",
        startedAt: "2026-12-07T09:58:00Z",
        metricResults: [
          {
            name: "success-rate",
            phase: "Successful",
            count: 3,
            successful: 3,
            measurements: [0, 1, 2].map((k) => ({
              phase: "Successful",
              value: "[0.99]",
              startedAt: `2026-12-07T09:5${8 + (k > 1 ? 1 : 0)}:${k % 2 ? "30" : "00"}Z`,
              finishedAt: `2026-12-07T09:5${8 + (k > 1 ? 1 : 0)}:${k % 2 ? "30" : "00"}Z`,
            })),
          },
        ],
      },
    },
  ];
}

export function canaryObjects(i: number, namespaces: number): KubeObject[] {
  const namespace = namespaceOf(i, namespaces);
  const name = canaryNameOf(i);
  const deployment = (deploymentName: string, image: string): KubeObject => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: deploymentName, namespace, labels: { app: deploymentName } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: deploymentName } },
      template: podTemplate(deploymentName, image),
    },
    status: {
      observedGeneration: 1,
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      updatedReplicas: 1,
    },
  });
  return [
    {
      apiVersion: "flagger.app/v1beta1",
      kind: "Canary",
      metadata: { name, namespace },
      spec: {
        targetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
        service: { port: 80 },
        analysis: {
          interval: "30s",
          threshold: 5,
          maxWeight: 50,
          stepWeight: 10,
          metrics: [{ name: "request-success-rate", thresholdRange: { min: 99 }, interval: "1m" }],
        },
      },
      status: {
        phase: "Progressing",
        canaryWeight: 20,
        failedChecks: 0,
        iterations: 0,
        lastAppliedSpec: "5d8f9c7b6",
        lastPromotedSpec: "4c7e8b6a5",
        lastTransitionTime: "2026-12-07T10:00:00Z",
        conditions: [
          {
            type: "Promoted",
            status: "Unknown",
            reason: "Progressing",
            message: "New revision detected, progressing canary analysis.",
            lastTransitionTime: "2026-12-07T10:00:00Z",
            lastUpdateTime: "2026-12-07T10:00:00Z",
          },
        ],
      },
    },
    deployment(name, "ghcr.io/acme/web:2.0.0"),
    deployment(`${name}-primary`, "ghcr.io/acme/web:1.9.0"),
  ];
}
