// Page object for the overview at /.
import { expect, type Locator, type Page } from "@playwright/test";

export class OverviewPage {
  readonly search: Locator;
  readonly rows: Locator;
  readonly liveState: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole("searchbox", { name: "Search deliveries" });
    this.rows = page.getByTestId("delivery-row");
    this.liveState = page.getByRole("status").filter({ hasText: /Live|Connecting|Reconnecting/ });
  }

  async open(query = ""): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.liveState).toHaveText(/Live/);
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="delivery-row"][data-name="${name}"]`);
  }

  chip(label: RegExp): Locator {
    return this.page.getByRole("button", { name: label });
  }

  async names(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-name") ?? ""));
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
  }
}
