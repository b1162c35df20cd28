// Page object for a delivery at /d/[cluster]/[kind]/[namespace]/[name].
import { expect, type Locator, type Page } from "@playwright/test";

export class DeliveryPageObject {
  readonly title: Locator;
  readonly step: Locator;
  readonly weight: Locator;
  readonly message: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole("heading", { level: 1 });
    this.step = page.getByTestId("delivery-step");
    this.weight = page.getByTestId("delivery-weight");
    this.message = page.getByTestId("delivery-message");
    this.dialog = page.getByRole("dialog");
  }

  async open(cluster: string, kind: "rollout" | "canary", namespace: string, name: string): Promise<void> {
    await this.page.goto(`/d/${cluster}/${kind}/${namespace}/${name}`);
    await expect(this.title).toHaveText(name);
  }

  action(name: string): Locator {
    return this.page.getByRole("region", { name: "Actions" }).getByRole("button", { name, exact: true });
  }

  /** Clicks an action, checks the dialog says what will happen, and confirms. */
  async run(name: string, expectLever: RegExp): Promise<void> {
    await this.action(name).click();
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog.getByText(/Lever:/)).toContainText(expectLever);
    await this.dialog.getByRole("button", { name, exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** Current weight numbers, e.g. { set: 40, actual: 40 }. */
  async weights(): Promise<{ set: number; actual: number }> {
    const text = (await this.weight.textContent()) ?? "";
    const match = /(\d+)% set · (\d+)% actual/.exec(text);
    return { set: Number(match?.[1] ?? -1), actual: Number(match?.[2] ?? -1) };
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
  }
}
