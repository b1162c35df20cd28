import { expect, test } from "@playwright/test";
import { DeliveryPageObject } from "../pages/delivery-page";
import { OverviewPage } from "../pages/overview-page";
import { delivery, mutate, target, waitForDelivery } from "./api";

const myapp = target("Rollout", "rollouts-demo", "myapp");

test.describe
  .serial("actions on the demo, confirmed in a dialog, seen live without reload", () => {
    test("promote a paused canary with one click: step and weight advance, both tabs update", async ({
      page,
      context,
      request,
    }) => {
      await waitForDelivery(request, myapp, (d) => d.rawPhase === "Paused" && d.step?.index === 1);
      const overview = new OverviewPage(page);
      await overview.open();
      const other = await context.newPage();
      const detail = new DeliveryPageObject(other);
      await detail.open("demo", "rollout", "rollouts-demo", "myapp");
      await expect(detail.step).toHaveText("1/8");
      await expect(overview.row("myapp")).toContainText("1/8");
      await overview.screenshot("overview-paused");
      await detail.screenshot("delivery-paused");
      // One click on the overview row, then the confirmation.
      await overview.row("myapp").getByRole("button", { name: "Promote" }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByText(/Lever:/)).toContainText("status patch");
      await expect(dialog).toContainText("clear the pause");
      await dialog.getByRole("button", { name: "Promote", exact: true }).click();
      await expect(page.getByRole("status").filter({ hasText: "Promote sent" })).toBeVisible();
      // Both tabs follow without reload.
      await expect(detail.step).not.toHaveText("1/8");
      await expect.poll(async () => (await detail.weights()).set).toBeGreaterThanOrEqual(40);
      await expect(overview.row("myapp")).not.toContainText("1/8");
    });

    test("abort drops the weight to 0 and shows Degraded; retry resumes", async ({ page, request }) => {
      // At demo speed the promoted release can finish before this test starts (then there is nothing
      // to abort), so begin from a fresh release held at its manual pause.
      await mutate(request, "actions.setImage", {
        target: myapp,
        container: "myapp",
        image: `argoproj/rollouts-demo:e2e-${Date.now()}`,
      });
      await waitForDelivery(request, myapp, (d) => d.rawPhase === "Paused" && d.step?.index === 1);
      const detail = new DeliveryPageObject(page);
      await detail.open("demo", "rollout", "rollouts-demo", "myapp");
      await expect(detail.action("Abort")).toBeEnabled();
      await detail.run("Abort", /status patch/);
      await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("Degraded");
      await expect.poll(async () => (await detail.weights()).set).toBe(0);
      await expect(detail.message).toContainText("RolloutAborted");
      await expect(detail.action("Promote")).toBeDisabled();
      await detail.screenshot("delivery-aborted");
      await detail.run("Retry", /status patch/);
      await waitForDelivery(request, myapp, (d) => d.rawPhase !== "Degraded");
      await expect(page.getByRole("heading", { level: 1 }).locator("..")).not.toContainText("Degraded");
    });

    test("a bad image fails its analysis and the failing measurements show against the threshold", async ({
      page,
      request,
    }) => {
      const detail = new DeliveryPageObject(page);
      await detail.open("demo", "rollout", "rollouts-demo", "myapp");
      await detail.action("Set image").click();
      await page.getByLabel("New image").fill("Argoproj/Bad");
      await expect(page.locator("#set-image-error")).toContainText(/lowercase/);
      await page.getByLabel("New image").fill("argoproj/rollouts-demo:bad-red");
      await expect(detail.dialog.getByText(/Lever:/)).toContainText("spec patch");
      await detail.dialog.getByRole("button", { name: "Set image", exact: true }).click();
      await waitForDelivery(request, myapp, (d) => d.rawPhase === "Degraded", 90_000);
      const analysis = page.getByRole("region", { name: "Analysis" });
      await expect(analysis).toContainText("Failed");
      await expect(analysis).toContainText(/result\[0\] > 0\.9/);
      await analysis.getByRole("button", { name: "Table" }).first().click();
      await expect(analysis.getByText(/first failure/).first()).toBeVisible();
      await detail.screenshot("delivery-failed-analysis");
    });

    test("a Flagger canary at its confirm-promotion gate is promoted through the loadtester", async ({
      page,
      request,
    }) => {
      const cart = target("Canary", "shop", "cart");
      await waitForDelivery(request, cart, (d) => d.rawPhase === "WaitingPromotion", 90_000);
      const detail = new DeliveryPageObject(page);
      await detail.open("demo", "canary", "shop", "cart");
      await detail.screenshot("canary-gate");
      await detail.run("Promote", /loadtester gate/);
      await waitForDelivery(
        request,
        cart,
        (d) => ["Promoting", "Finalising", "Succeeded"].includes(d.rawPhase),
        60_000,
      );
    });

    test("the audit entries of these actions appear in the activity timeline", async ({ page }) => {
      const detail = new DeliveryPageObject(page);
      await detail.open("demo", "rollout", "rollouts-demo", "myapp");
      const activity = page.getByRole("region", { name: "Activity" });
      await expect(activity).toContainText("abort succeeded");
      await expect(activity).toContainText("promote succeeded");
      const promoted = activity
        .getByTestId("activity-entry")
        .filter({ hasText: "promote succeeded" })
        .first();
      await expect(promoted.getByRole("img", { name: "Done by a person through Rollscope" })).toBeVisible();
    });
  });

test("a refused action says why and changes nothing", async ({ request }) => {
  const { observed } = await delivery(request, myapp);
  const response = await request.post("/api/trpc/actions.promote", {
    data: { target: myapp, observed: { ...observed, stepIndex: 99 } },
  });
  expect(response.status()).toBe(409);
  expect(await response.text()).toContain("step was 99");
  await expect(mutate(request, "actions.undo", { target: myapp, observed, revision: -1 })).rejects.toThrow(
    /Too small|>=0|greater/i,
  );
});
