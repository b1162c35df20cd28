// The Argo Rollouts manifests the suite applies: a canary Rollout whose pods carry `app: <name>`.
export type CanaryStep = Record<string, unknown>;

export function argoRollout(options: {
  namespace: string;
  name: string;
  image: string;
  replicas: number;
  /** The strategy's canary block beyond its steps: services, traffic routing. */
  canary?: Record<string, unknown>;
  steps: CanaryStep[];
  container?: string;
}) {
  const labels = { app: options.name };
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      replicas: options.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: options.container ?? "web", image: options.image }] },
      },
      strategy: { canary: { ...options.canary, steps: options.steps } },
    },
  };
}
