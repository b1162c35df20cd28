// Public surface of the simulated Argo Rollouts controller. Typical wiring in the demo source:
//
//   const sim = new ArgoRolloutsSimulator({ store, clock, metrics });
//   seedArgoScenarios(store);
//   const churn = new ImageChurn({ store, clock, targets: DEMO_CHURN_TARGETS });
//   sim.start(); churn.start();          // ...and sim.stop(); churn.stop(); on shutdown

export { ManualClock } from "../manual-clock";
export { type ChurnTarget, ImageChurn, type ImageChurnOptions } from "./image-churn";
export { DEMO_CHURN_TARGETS, seedArgoScenarios } from "./scenarios";
export { ArgoRolloutsSimulator, type ArgoRolloutsSimulatorOptions } from "./simulator";
