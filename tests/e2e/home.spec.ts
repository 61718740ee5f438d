import { expect, test } from "@playwright/test";
import { HomePage } from "./pages/home-page";

test.describe("landing page", () => {
  test("is Korean by default", async ({ browser }) => {
    const context = await browser.newContext({ locale: "ko-KR" });
    const home = new HomePage(await context.newPage());
    await home.goto();
    await expect(home.page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(home.heading).toHaveText("운송장에서 개인정보를 지워요");
    await expect(home.scanLink).toHaveText("QR 스캔하기");
    await context.close();
  });

  test("is English when the browser asks for English", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-US" });
    const home = new HomePage(await context.newPage());
    await home.goto();
    await expect(home.page.locator("html")).toHaveAttribute("lang", "en");
    await expect(home.heading).toHaveText("Personal data off the parcel label");
    await expect(home.scanLink).toHaveText("Scan a QR code");
    await context.close();
  });

  test("the switch changes the language and remembers it", async ({ browser }) => {
    const context = await browser.newContext({ locale: "ko-KR" });
    const home = new HomePage(await context.newPage());
    await home.goto();
    await home.languageSwitch.click();
    await expect(home.heading).toHaveText("Personal data off the parcel label");
    await home.page.reload();
    await expect(home.page.locator("html")).toHaveAttribute("lang", "en");
    await home.languageSwitch.click();
    await expect(home.heading).toHaveText("운송장에서 개인정보를 지워요");
    await context.close();
  });

  test("the switch works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ locale: "ko-KR", javaScriptEnabled: false });
    const home = new HomePage(await context.newPage());
    await home.goto();
    await home.languageSwitch.click();
    await expect(home.heading).toHaveText("Personal data off the parcel label");
    await context.close();
  });

  test("fits a phone screen, with thumb-sized targets", async ({ page }, testInfo) => {
    const home = new HomePage(page);
    await home.goto();
    for (const target of [home.scanLink, home.languageSwitch]) {
      const box = await target.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const screenshot = testInfo.outputPath("home-390x844.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach("home at 390x844", { path: screenshot, contentType: "image/png" });
  });
});

test("the server is ready: PostgreSQL and Redis answer", async ({ request }) => {
  const response = await request.get("/api/ready");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ready" });
  expect((await request.get("/api/health")).status()).toBe(200);
});
