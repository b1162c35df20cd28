// The demo's simulated Flagger: controller, loadtester and scenarios.

export type { CanaryWebhookPayload, WebhookCaller, WebhookResponse } from "./flagger-context";
export { FlaggerSimulator, type FlaggerSimulatorOptions } from "./flagger-simulator";
export {
  DemoLoadtester,
  demoLoadtesterServices,
  isDemoLoadtesterUrl,
  type LoadTest,
  type LoadtesterResponse,
} from "./loadtester";
export { flaggerScenarioObjects } from "./scenario-objects";
export { installFlaggerScenarios, nextImage, ReleaseDriver, type ReleaseDriverOptions } from "./scenarios";
export { demoWebhookCaller } from "./webhooks";
