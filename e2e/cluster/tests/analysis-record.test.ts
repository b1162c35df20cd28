// The analysis record on the real cluster, in Chromium: a release whose analysis failed on real
// Prometheus data is aborted by the real Argo Rollouts controller, a later release follows, the
// AnalysisRuns are deleted from the cluster, and the delivery page still shows the failed release's
// measurements and verdict from Rollscope's store, across a restart of Rollscope.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, expect as playwrightExpect } from "@playwright/test";
import { freePort } from "@rollscope/shared/http/free-port";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemChromium } from "../../system-chromium";
import { argoRollout } from "./argo-objects";
import { apply, cluster, kubectl, waitFor } from "./cluster";
import { startRollscope } from "./rollscope-process";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const screenshotPath = join(repoRoot, "e2e/screenshots/cluster-analysis-record.png");
const contextName = "rollscope-test";
const ns = "analysis-record";
const ui = playwrightExpect.configure({ timeout: 30_000 });

const objects = (image: string) => [
  {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisTemplate",
    metadata: { name: "needs-five", namespace: ns },
    spec: {
      metrics: [
        {
          name: "always-one",
          count: 2,
          interval: "2s",
          // vector(1) is 1 on any Prometheus: the condition never holds, so the run fails at once.
          successCondition: "result[0] > 5",
          failureLimit: 0,
          provider: { prometheus: { address: cluster.PROMETHEUS_URL, query: "vector(1)" } },
        },
      ],
    },
  },
  argoRollout({
    namespace: ns,
    name: "web",
    image,
    replicas: 1,
    steps: [{ setWeight: 50 }, { analysis: { templates: [{ templateName: "needs-five" }] } }, { pause: {} }],
  }),
];

interface RolloutStatus {
  phase?: string;
  abort?: boolean;
  currentPodHash?: string;
}
const status = (): RolloutStatus =>
  JSON.parse(kubectl("-n", ns, "get", "rollout", "web", "-o", "jsonpath={.status}") || "{}");
const analysisRuns = () => kubectl("-n", ns, "get", "analysisruns", "-o", "name").split("\n").filter(Boolean);

describe.skipIf(!cluster.PROMETHEUS_URL)("the analysis record of a release whose AnalysisRun is gone", () => {
  let rollscope: ReturnType<typeof startRollscope> | undefined;
  let browser: Browser | undefined;
  let dataDir = "";
  let failedHash = "";
  const start = async (deadline: number) => {
    const webPort = await freePort(3150);
    rollscope = startRollscope({ webPort, dataDir, deadline, args: ["--context", contextName] });
    return rollscope.ready;
  };

  beforeAll(async () => {
    const deadline = Date.now() + 285_000;
    kubectl("delete", "namespace", ns, "--ignore-not-found", "--wait=true", "--timeout=120s");
    kubectl("create", "namespace", ns);
    dataDir = mkdtempSync(join(tmpdir(), "rollscope-analysis-record-"));
    await start(deadline);
    browser = await chromium.launch({ ...systemChromium, headless: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await rollscope?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    kubectl("delete", "namespace", ns, "--ignore-not-found", "--wait=true", "--timeout=120s");
  }, 150_000);

  it("records the failed analysis, and shows it after the AnalysisRuns are deleted and Rollscope restarts", async () => {
    apply(...objects("argoproj/rollouts-demo:blue"));
    await waitFor("Healthy on blue", status, (s) => s.phase === "Healthy");
    apply(...objects("argoproj/rollouts-demo:yellow"));
    const aborted = await waitFor(
      "the yellow release aborted by its analysis",
      status,
      (s) => s.abort === true,
    );
    failedHash = aborted.currentPodHash ?? "";
    expect(failedHash).not.toBe("");
    // The next release; the failed one becomes a past release.
    apply(...objects("argoproj/rollouts-demo:green"));
    await waitFor("the green release under way", status, (s) => s.currentPodHash !== failedHash);
    // Give the writer a moment to store the latest run states, then restart Rollscope and delete the runs.
    await new Promise((r) => setTimeout(r, 3_000));
    await rollscope?.stop();
    kubectl("-n", ns, "delete", "analysisruns", "--all", "--wait=true");
    expect(analysisRuns()).toEqual([]);
    const baseURL = await start(Date.now() + 120_000);

    if (!browser) throw new Error("no browser");
    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 1100 } });
    try {
      const page = await context.newPage();
      await page.goto(`/d/${contextName}/rollout/${ns}/web`);
      const analysis = page.getByRole("region", { name: "Analysis" });
      const picker = analysis.getByLabel("Release");
      await ui(picker.locator("option", { hasText: `Revision ${failedHash}` })).toHaveCount(1);
      const value = await picker
        .locator("option", { hasText: `Revision ${failedHash}` })
        .getAttribute("value");
      await picker.selectOption(value ?? "");
      await ui(analysis).toContainText("recorded; the AnalysisRun no longer exists in the cluster");
      await ui(analysis).toContainText("always-one");
      await ui(analysis.getByText(/^Verdict/).first()).toBeVisible();
      await ui(analysis).toContainText(/always-one 1 <= 5 at \d\d:\d\d:\d\d UTC; .*: aborted/);
      mkdirSync(dirname(screenshotPath), { recursive: true });
      await page.screenshot({ path: screenshotPath, fullPage: true });
    } finally {
      await context.close();
    }
  });
});
