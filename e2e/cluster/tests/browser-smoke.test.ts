// Browser smoke test on the real cluster: Rollscope started as a user starts it (scripts/start.mjs with
// the test cluster's kubeconfig), a canary paused by the real Argo Rollouts controller, promoted with a
// click in Chromium, and the controller's move seen both in the cluster and on the page.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, expect as playwrightExpect } from "@playwright/test";
import { freePort } from "@rollscope/shared/http/free-port";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeliveryPageObject } from "../../pages/delivery-page";
import { OverviewPage } from "../../pages/overview-page";
import { systemChromium } from "../../system-chromium";
import { argoRollout } from "./argo-objects";
import { apply, kubectl, waitFor } from "./cluster";
import { startRollscope } from "./rollscope-process";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const overviewScreenshotPath = join(repoRoot, "e2e/screenshots/cluster-overview-paused.png");
const screenshotPath = join(repoRoot, "e2e/screenshots/cluster-promote.png");
const failureScreenshotPath = join(repoRoot, "e2e/screenshots/cluster-promote-failure.png");
const contextName = "rollscope-test";
const namespace = "browser-smoke";
const rolloutName = "smoke-web";

// Cluster setup plus, when the web app was never built, `next build`.
const setupTimeoutMs = 300_000;
// The page objects' own expects keep Playwright's 5 s default outside its runner; a cluster on two busy
// cores needs more.
const ui = playwrightExpect.configure({ timeout: 20_000 });

function canaryRollout(image: string) {
  return argoRollout({
    namespace,
    name: rolloutName,
    image,
    replicas: 5,
    steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }, { pause: {} }],
  });
}

interface RolloutStatus {
  phase?: string;
  currentStepIndex?: number;
  updatedReplicas?: number;
  pauseConditions?: { reason: string; startTime: string }[];
}

function rolloutStatus(): RolloutStatus {
  return JSON.parse(kubectl("-n", namespace, "get", "rollout", rolloutName, "-o", "jsonpath={.status}"));
}

describe("browser smoke: promote a paused canary on the real cluster from the dashboard", () => {
  let rollscope: ReturnType<typeof startRollscope> | undefined;
  let browser: Browser | undefined;
  let baseURL = "";
  let dataDir: string | undefined;

  beforeAll(async () => {
    // Our own deadlines end before the hook's, so a slow start fails with Rollscope's log attached.
    const deadline = Date.now() + setupTimeoutMs - 15_000;
    // A fresh namespace each run, so a failed or interrupted run leaves nothing behind that matters.
    kubectl("delete", "namespace", namespace, "--ignore-not-found", "--wait=true", "--timeout=120s");
    kubectl("create", "namespace", namespace);
    apply(canaryRollout("argoproj/rollouts-demo:blue"));
    await waitFor("rollout Healthy", rolloutStatus, (s) => s.phase === "Healthy");
    apply(canaryRollout("argoproj/rollouts-demo:yellow"));
    await waitFor(
      "rollout paused at step 1",
      rolloutStatus,
      (s) => s.phase === "Paused" && s.currentStepIndex === 1 && (s.pauseConditions?.length ?? 0) > 0,
    );

    const webPort = await freePort(3140);
    dataDir = mkdtempSync(join(tmpdir(), "rollscope-browser-smoke-"));
    rollscope = startRollscope({ webPort, dataDir, deadline, args: ["--context", contextName] });
    baseURL = await rollscope.ready;
    browser = await chromium.launch({ ...systemChromium, headless: true });
  }, setupTimeoutMs);

  afterAll(async () => {
    await browser?.close();
    await rollscope?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    // Other suites count deliveries across namespaces; leave none of ours behind.
    kubectl("delete", "namespace", namespace, "--ignore-not-found", "--wait=true", "--timeout=120s");
  }, 150_000);

  it("watches the test cluster's context and nothing else (no demo)", async () => {
    const response = await fetch(`${baseURL}/api/trpc/clusters.list`);
    const body = (await response.json()) as { result: { data: { name: string; kind: string }[] } };
    expect(body.result.data.map((c) => [c.name, c.kind])).toEqual([[contextName, "kube"]]);
  });

  it("shows the paused canary, promotes it with one click, and follows the controller", async () => {
    if (!browser) throw new Error("no browser");
    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
    mkdirSync(dirname(screenshotPath), { recursive: true });
    try {
      const page = await context.newPage();
      const overview = new OverviewPage(page);
      await page.goto("/");
      await ui(overview.liveState).toHaveText(/Live/);
      await ui(page.getByText("Demo cluster")).toHaveCount(0);

      // The overview row: paused at step 1 of 4 and offering Promote.
      const row = overview.row(rolloutName);
      await ui(row).toContainText("1/4");
      await ui(row).toContainText(namespace);
      await ui(row.getByTitle(/^Paused/)).toBeVisible();
      await ui(row.getByRole("button", { name: "Promote" })).toBeEnabled();
      await page.screenshot({ path: overviewScreenshotPath, fullPage: true });

      // The row's link opens the delivery page.
      await row.getByRole("link", { name: rolloutName }).click();
      await ui(page).toHaveURL(`/d/${contextName}/rollout/${namespace}/${rolloutName}`);
      const delivery = new DeliveryPageObject(page);
      await ui(delivery.title).toHaveText(rolloutName);
      await ui(delivery.step).toHaveText("1/4");
      await ui(delivery.weight).toContainText("20% set");

      // One click, then the confirmation that says which lever it pulls.
      const pausedSince = rolloutStatus().pauseConditions?.[0]?.startTime;
      await delivery.action("Promote").click();
      await ui(delivery.dialog).toBeVisible();
      await ui(delivery.dialog.getByText(/Lever:/)).toContainText("status patch");
      await delivery.dialog.getByRole("button", { name: "Promote", exact: true }).click();
      await ui(delivery.dialog).toBeHidden();
      await ui(page.getByRole("status").filter({ hasText: "Promote sent" })).toBeVisible();

      // The real controller completes the pause, sets weight 60 and stops at the next manual pause.
      const moved = await waitFor(
        "controller past step 1",
        rolloutStatus,
        (s) => (s.currentStepIndex ?? 0) >= 3 && s.updatedReplicas === 3,
        30_000,
      );
      expect(moved.currentStepIndex).toBe(3);
      expect(moved.pauseConditions?.[0]?.startTime).not.toBe(pausedSince);

      // The page follows without a reload.
      await ui(delivery.step).toHaveText("3/4", { timeout: 30_000 });
      await ui.poll(async () => (await delivery.weights()).set, { timeout: 30_000 }).toBe(60);
      await ui.poll(async () => (await delivery.weights()).actual, { timeout: 30_000 }).toBe(60);

      // Off the chart, whose hover tooltip would otherwise cover the new weight.
      await page.mouse.move(0, 0);
      await page.screenshot({ path: screenshotPath, fullPage: true });
    } catch (error) {
      // What the page showed, and the dashboard's log, for whoever reads the failure.
      const page = context.pages()[0];
      await page?.screenshot({ path: failureScreenshotPath, fullPage: true }).catch(() => undefined);
      const toasts = await page
        ?.locator("[role=status], [role=alert]")
        .allTextContents()
        .catch(() => []);
      throw new Error(
        `${(error as Error).message}\nstatus messages: ${JSON.stringify(toasts)}\nscreenshot: ${failureScreenshotPath}\n${rollscope?.diagnostics()}`,
        { cause: error },
      );
    } finally {
      await context.close();
    }
  });
});
