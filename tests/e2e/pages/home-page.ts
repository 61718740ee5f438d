import type { Locator, Page } from "@playwright/test";

/** The landing page as a courier or recipient sees it. */
export class HomePage {
  readonly heading: Locator;
  readonly scanLink: Locator;
  readonly languageSwitch: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.scanLink = page.locator('a[href="/scan"]');
    this.languageSwitch = page.locator(".language-switch button");
  }

  async goto() {
    await this.page.goto("/");
  }
}
