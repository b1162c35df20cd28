// The Argo scenarios of the demo cluster, across three namespaces:
// - rollouts-demo/myapp: the Istio canary of the Argo Rollouts walkthrough (background analysis from
//   step 1, a manual pause at 20%, then timed pauses), with AnalysisTemplate istio-success-rate and
//   VirtualService myapp-vsvc;
// - shop/checkout: an Istio canary with an inline analysis step; `bad` images fail it and abort;
// - payments/ledger: a blue-green rollout with pre-promotion analysis and autoPromotionEnabled false.
// Services are omitted: the demo cluster does not serve them.
import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import type { DemoStore, RawObject } from "../demo-store";
import type { ChurnTarget } from "./image-churn";
import {
  blueGreenRollout,
  checkoutAnalysisStep,
  checkoutObjects,
  image,
  namespaceArg,
  successRateTemplate,
  walkthroughObjects,
} from "./scenario-objects";

export { type ChurnTarget, ImageChurn, type ImageChurnOptions } from "./image-churn";

const myappObjects = () =>
  walkthroughObjects({ initialDelay: "60s", interval: "20s", failureLimit: 3, threshold: 0.9 }, [
    { setWeight: 20 },
    { pause: {} },
    { setWeight: 40 },
    { pause: { duration: "60s" } },
    { setWeight: 60 },
    { pause: { duration: "60s" } },
    { setWeight: 80 },
    { pause: { duration: "60s" } },
  ]);

const shopCheckoutObjects = () =>
  checkoutObjects({ interval: "15s", count: 4, failureLimit: 1, threshold: 0.95 }, [
    { setWeight: 25 },
    { pause: { duration: "30s" } },
    checkoutAnalysisStep,
    { setWeight: 50 },
    { pause: { duration: "30s" } },
    { setWeight: 75 },
    { pause: { duration: "30s" } },
  ]);

function ledgerObjects(): RawObject[] {
  const ns = "payments";
  return [
    successRateTemplate(ns, "ledger-smoke", { interval: "10s", count: 3, failureLimit: 1, threshold: 0.95 }),
    blueGreenRollout({
      namespace: ns,
      name: "ledger",
      image: image("blue"),
      replicas: 3,
      autoPromotionEnabled: false,
      previewReplicaCount: 1,
      scaleDownDelaySeconds: 30,
      prePromotionAnalysis: {
        templates: [{ templateName: "ledger-smoke" }],
        args: [{ name: "service", value: "ledger-preview" }, namespaceArg],
      },
    }),
  ];
}

/** Every object of the Argo scenarios; creating them twice is harmless. */
export function seedArgoScenarios(store: DemoStore): void {
  for (const object of [...myappObjects(), ...shopCheckoutObjects(), ...ledgerObjects()]) {
    try {
      store.create(object);
    } catch (error) {
      if (!(error instanceof ClusterRequestError) || error.code !== "Conflict") throw error;
    }
  }
}

/** What the image churn cycles through: colours for healthy releases, `bad-red` for failing ones. */
export const DEMO_CHURN_TARGETS: ChurnTarget[] = [
  {
    namespace: "rollouts-demo",
    name: "myapp",
    images: ["yellow", "green", "orange", "purple", "blue"].map(image),
  },
  {
    namespace: "shop",
    name: "checkout",
    images: ["bad-red", "yellow", "bad-red", "orange", "purple", "green"].map(image),
  },
  {
    namespace: "payments",
    name: "ledger",
    images: ["green", "purple", "orange", "blue"].map(image),
  },
];
