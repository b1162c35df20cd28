import { expect, test } from "@playwright/test";
import { DeliveryPageObject } from "../pages/delivery-page";
import { OverviewPage } from "../pages/overview-page";

test("the overview lists every demo delivery, Argo and Flagger together", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await expect(page.getByText("Demo cluster")).toBeVisible();
  await expect(overview.rows).toHaveCount(6);
  expect((await overview.names()).sort()).toEqual([
    "cart",
    "checkout",
    "frontend",
    "ledger",
    "myapp",
    "podinfo",
  ]);
  await expect(overview.row("podinfo")).toContainText("Flagger");
  await expect(overview.row("myapp")).toContainText("Argo");
  await overview.screenshot("overview");
});

test("filters and search live in the URL, and deep links open a delivery", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open("?controller=flagger&q=ns:test");
  await expect(overview.rows).toHaveCount(1);
  await expect(overview.row("podinfo")).toBeVisible();
  await expect(overview.search).toHaveValue("ns:test");
  await overview.chip(/^All \d+/).click();
  await overview.search.fill("!podinfo");
  await expect(page).toHaveURL(/q=%21podinfo|q=!podinfo/);
  // The controller filter still applies: the other Flagger canaries remain.
  await expect(overview.rows).toHaveCount(2);
  expect((await overview.names()).sort()).toEqual(["cart", "frontend"]);
  const detail = new DeliveryPageObject(page);
  await detail.open("demo", "canary", "test", "podinfo");
  await expect(page.getByText(/Flagger Canary/)).toBeVisible();
  await page.goto("/d/demo/rollout/rollouts-demo/does-not-exist");
  await expect(page.getByRole("alert").filter({ hasText: /does-not-exist/ })).toContainText(
    /no longer exists|was not found/,
  );
});

test("keyboard: / searches, j/k move, Enter opens, ? shows the shortcuts", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.keyboard.press("/");
  await expect(overview.search).toBeFocused();
  await page.keyboard.type("podinfo");
  await page.keyboard.press("Escape");
  await expect(overview.rows).toHaveCount(1);
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/d\/demo\/canary\/test\/podinfo/);
});

test("dark mode is applied and remembered", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await page.getByRole("button", { name: /Switch to dark theme/ }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await overview.screenshot("overview-dark");
  const detail = new DeliveryPageObject(page);
  await detail.open("demo", "rollout", "rollouts-demo", "myapp");
  await detail.screenshot("delivery-dark");
  await page.getByRole("button", { name: /Switch to light theme/ }).click();
});

test("favourites are kept for the person and have their own view", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await overview.row("podinfo").getByRole("button", { name: "Add podinfo to favourites" }).click();
  await expect(overview.chip(/Favourites 1/)).toBeVisible();
  await page.reload();
  await overview.chip(/Favourites 1/).click();
  await expect(page).toHaveURL(/view=favourites/);
  await expect(overview.rows).toHaveCount(1);
  const remove = overview.row("podinfo").getByRole("button", { name: "Remove podinfo from favourites" });
  await expect(remove).toHaveAttribute("aria-pressed", "true");
  // Favourites are the person's, kept by the server: leave none behind for the other tests.
  await remove.click();
  await expect(overview.chip(/Favourites 0/)).toBeVisible();
});
