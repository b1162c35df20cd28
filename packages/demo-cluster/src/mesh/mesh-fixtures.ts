// Objects for mesh tests: a Flagger canary already initialised (primary + target + apex
// VirtualService at given weights) and an Argo canary rollout with its ReplicaSets and VirtualService.
import { DemoStore, type RawObject } from "../demo-store";
import { podinfoCanary, targetDeployment } from "../flagger/scenario-objects";
import { ManualClock } from "../manual-clock";
import { MeshSimulator, type MeshSimulatorOptions } from "./mesh-simulator";
import { seededRandom } from "./traffic-profile";

const ready = (replicas: number) => ({
  observedGeneration: 1,
  replicas,
  updatedReplicas: replicas,
  readyReplicas: replicas,
  availableReplicas: replicas,
});

export function flaggerPodinfo(opts: {
  primaryImage: string;
  canaryImage: string;
  weights: [number, number];
  match?: unknown[];
}): RawObject[] {
  const target = targetDeployment({
    namespace: "test",
    name: "podinfo",
    image: opts.canaryImage,
    container: "podinfod",
    port: 9898,
  });
  target.spec = { ...target.spec, replicas: 1 };
  target.status = ready(1);
  const primary = targetDeployment({
    namespace: "test",
    name: "podinfo-primary",
    image: opts.primaryImage,
    container: "podinfod",
    port: 9898,
  });
  primary.metadata.labels = { app: "podinfo-primary" };
  const template = primary.spec?.template as { metadata: { labels: Record<string, string> } } | undefined;
  if (template) template.metadata.labels = { app: "podinfo-primary" };
  primary.status = ready(2);
  const route = [
    { destination: { host: "podinfo-primary" }, weight: opts.weights[0] },
    { destination: { host: "podinfo-canary" }, weight: opts.weights[1] },
  ];
  const http = opts.match
    ? [
        { match: opts.match, route },
        { route: [{ destination: { host: "podinfo-primary" }, weight: opts.weights[0] }] },
      ]
    : [{ route }];
  return [
    podinfoCanary(),
    target,
    primary,
    {
      apiVersion: "networking.istio.io/v1beta1",
      kind: "VirtualService",
      metadata: { name: "podinfo", namespace: "test" },
      spec: { hosts: ["podinfo"], gateways: ["mesh"], http },
    },
  ];
}

export function argoMyapp(opts: {
  stableImage: string;
  canaryImage: string;
  weights: [number, number];
}): RawObject[] {
  const rs = (hash: string, image: string): RawObject => ({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `myapp-${hash}`,
      namespace: "rollouts-demo",
      labels: { app: "myapp", "rollouts-pod-template-hash": hash },
      ownerReferences: [
        {
          apiVersion: "argoproj.io/v1alpha1",
          kind: "Rollout",
          name: "myapp",
          uid: "uid-myapp",
          controller: true,
        },
      ],
    },
    spec: {
      replicas: 2,
      template: {
        metadata: { labels: { app: "myapp", "rollouts-pod-template-hash": hash } },
        spec: { containers: [{ name: "myapp", image }] },
      },
    },
    status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 },
  });
  return [
    {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Rollout",
      metadata: { name: "myapp", namespace: "rollouts-demo", uid: "uid-myapp" },
      spec: {
        replicas: 4,
        selector: { matchLabels: { app: "myapp" } },
        template: {
          metadata: { labels: { app: "myapp" } },
          spec: { containers: [{ name: "myapp", image: opts.canaryImage }] },
        },
        strategy: {
          canary: {
            canaryService: "myapp-canary-svc",
            stableService: "myapp-stable-svc",
            trafficRouting: { istio: { virtualService: { name: "myapp-vsvc", routes: ["primary"] } } },
            steps: [{ setWeight: 20 }, { pause: {} }],
          },
        },
      },
      status: { stableRS: "55bdff45cb", currentPodHash: "7d9c5b8f6" },
    },
    rs("55bdff45cb", opts.stableImage),
    rs("7d9c5b8f6", opts.canaryImage),
    {
      apiVersion: "networking.istio.io/v1beta1",
      kind: "VirtualService",
      metadata: { name: "myapp-vsvc", namespace: "rollouts-demo" },
      spec: {
        hosts: ["myapp.apps.argoproj.io"],
        http: [
          {
            name: "primary",
            route: [
              { destination: { host: "myapp-stable-svc" }, weight: opts.weights[0] },
              { destination: { host: "myapp-canary-svc" }, weight: opts.weights[1] },
            ],
          },
        ],
      },
    },
  ];
}

export function meshWith(objects: RawObject[], options: Partial<MeshSimulatorOptions> = {}) {
  const clock = new ManualClock(new Date("2026-03-02T09:00:00Z"));
  const store = new DemoStore(clock);
  for (const o of objects) store.create(o);
  const mesh = new MeshSimulator({ store, clock, random: seededRandom(7), rateFor: () => 50, ...options });
  mesh.tick();
  return { clock, store, mesh };
}

/** Parses exposition lines back into samples. */
export function parseExposition(
  text: string,
): Array<{ name: string; labels: Record<string, string>; value: number }> {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+)$/.exec(line);
      if (!m) throw new Error(`bad line: ${line}`);
      const labels: Record<string, string> = {};
      for (const l of (m[2] as string).matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
        labels[l[1] as string] = (l[2] as string)
          .replace(/\\n/g, "\n")
          .replace(/\\"/g, '"')
          .replace(/\\\\/g, "\\");
      }
      return { name: m[1] as string, labels, value: Number(m[3]) };
    });
}
