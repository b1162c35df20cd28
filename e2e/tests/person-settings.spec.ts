// A person's settings live with Rollscope, not in one browser: a favourite and a saved view made in
// one browser are there in another (no shared localStorage) once the same person signs in, and what an
// older Rollscope kept in this browser is moved to the server once.
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { OverviewPage } from "../pages/overview-page";
import { tokenServer } from "../servers";

/** The read-only dashboard: settings are no cluster change, so they are kept there too. */
const readOnlyServer = "http://localhost:3110";

interface Settings {
  favourites: string[];
  theme: string;
  savedFilters: Array<{ name: string; query: string }>;
  chosen: string[];
}

async function serverSettings(page: Page): Promise<Settings> {
  const response = await page.request.get("/api/trpc/settings.get");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { result: { data: Settings } }).result.data;
}

/** A fresh browser (its own cookies and localStorage) signed in with the token server's token. */
async function signedIn(browser: Browser): Promise<{ context: BrowserContext; overview: OverviewPage }> {
  const context = await browser.newContext({ baseURL: tokenServer.baseURL });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel("Token").fill(tokenServer.token);
  await page.getByRole("button", { name: "Sign in" }).click();
  const overview = new OverviewPage(page);
  await expect(overview.liveState).toHaveText(/Live/);
  return { context, overview };
}

const savedViewsButton = (page: Page) => page.getByRole("button", { name: /^Saved views/ });
const savedViewsPanel = (page: Page) => page.getByRole("region", { name: "Saved views" });
/** The button that applies a saved view (its name is shown bidi-isolated: U+2068 … U+2069). */
const savedView = (page: Page, name: string) =>
  savedViewsPanel(page).getByRole("button", { name: new RegExp(`^\u2068?${name}\u2069?$`) });

test("a favourite and a saved view made in one browser are there in another for the same person", async ({
  browser,
}) => {
  const first = await signedIn(browser);
  const page = first.overview.page;
  await first.overview.row("podinfo").getByRole("button", { name: "Add podinfo to favourites" }).click();
  await expect(first.overview.chip(/Favourites 1/)).toBeVisible();

  await first.overview.open("?controller=flagger&q=ns:test");
  await expect(first.overview.rows).toHaveCount(1);
  await savedViewsButton(page).click();
  await savedViewsPanel(page).getByLabel("Name for the current filters").fill("Flagger in test");
  await savedViewsPanel(page).getByRole("button", { name: "Save" }).click();
  await expect(savedView(page, "Flagger in test")).toHaveAttribute("aria-current", "true");
  await expect
    .poll(async () => (await serverSettings(page)).savedFilters)
    .toEqual([{ name: "Flagger in test", query: "?q=ns%3Atest&controller=flagger" }]);
  await first.overview.screenshot("overview-saved-views");
  await first.context.close();

  const second = await signedIn(browser);
  const other = second.overview.page;
  expect(await other.evaluate(() => localStorage.getItem("rollscope-favourites"))).toBeNull();
  await expect(second.overview.chip(/Favourites 1/)).toBeVisible();
  await expect(
    second.overview.row("podinfo").getByRole("button", { name: "Remove podinfo from favourites" }),
  ).toHaveAttribute("aria-pressed", "true");
  await savedViewsButton(other).click();
  await savedView(other, "Flagger in test").click();
  await expect(other).toHaveURL(/\?q=ns%3Atest&controller=flagger$/);
  await expect(second.overview.rows).toHaveCount(1);
  await expect(second.overview.search).toHaveValue("ns:test");

  // Deleting the view and the favourite here removes them for the person everywhere.
  await savedViewsButton(other).click();
  await savedViewsPanel(other).getByRole("button", { name: "Delete saved view Flagger in test" }).click();
  await expect(savedViewsPanel(other)).toContainText("No saved views yet");
  await second.overview
    .row("podinfo")
    .getByRole("button", { name: "Remove podinfo from favourites" })
    .click();
  await expect
    .poll(async () => {
      const s = await serverSettings(other);
      return [s.favourites, s.savedFilters];
    })
    .toEqual([[], []]);
  await second.context.close();
});

test("favourites and the theme an older Rollscope kept in this browser move to the server once", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: readOnlyServer });
  const page = await context.newPage();
  const overview = new OverviewPage(page);
  await overview.open();
  expect((await serverSettings(page)).chosen).toEqual([]);
  // As the previous version left them.
  await page.evaluate(() => {
    localStorage.setItem("rollscope-favourites", JSON.stringify(["demo/Rollout/rollouts-demo/myapp"]));
    localStorage.setItem("rollscope-theme", "dark");
  });
  await overview.open();
  await expect(
    overview.row("myapp").getByRole("button", { name: "Remove myapp from favourites" }),
  ).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => (await serverSettings(page)).chosen.sort()).toEqual(["favourites", "theme"]);
  expect(await serverSettings(page)).toMatchObject({
    favourites: ["demo/Rollout/rollouts-demo/myapp"],
    theme: "dark",
  });
  await expect.poll(() => page.evaluate(() => localStorage.getItem("rollscope-favourites"))).toBeNull();
  await context.close();

  // Another browser, nothing kept in it: the favourites and theme come from the server.
  const fresh = await browser.newContext({ baseURL: readOnlyServer });
  const again = new OverviewPage(await fresh.newPage());
  await again.open();
  await expect(again.page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(again.chip(/Favourites 1/)).toBeVisible();
  await fresh.close();
});
