/**
 * The install offer on / (the browser's prompt, the iOS guide, nothing once installed), the
 * landing page screenshot, and how much JavaScript each first visit costs.
 */
import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { HomePage } from "./pages/home-page";

test.use({ locale: "en-US" });

/** What Chromium fires when the app can be installed; its prompt() records that it was called. */
async function offerInstall(page: Page) {
  await page.evaluate(() => {
    const event = Object.assign(new Event("beforeinstallprompt", { cancelable: true }), {
      prompt: async () => void ((window as unknown as { __prompted: boolean }).__prompted = true),
      userChoice: Promise.resolve({ outcome: "accepted" }),
    });
    window.dispatchEvent(event);
  });
}

test("the install button appears when the browser offers installation, and opens its prompt", async ({
  page,
}, testInfo) => {
  const home = new HomePage(page);
  await home.goto();
  const install = page.getByRole("button", { name: "Install the app" });
  await expect(home.heading).toBeVisible();
  await expect(install).toHaveCount(0);
  await offerInstall(page);
  await expect(install).toBeVisible();
  expect((await install.boundingBox())?.height).toBeGreaterThanOrEqual(44);
  const shot = testInfo.outputPath("home-install-390x844.png");
  await page.screenshot({ path: shot });
  await testInfo.attach("home with the install button", { path: shot, contentType: "image/png" });
  await install.click();
  expect(await page.evaluate(() => (window as unknown as { __prompted?: boolean }).__prompted)).toBe(true);
  await expect(install).toHaveCount(0);
});

test("iOS gets the Share → Add to Home Screen guide instead", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ ...devices["iPhone 13"], locale: "en-US" });
  const page = await context.newPage();
  await new HomePage(page).goto();
  const guide = page.locator(".ios-guide");
  await guide.getByText("Add to Home Screen (iPhone, iPad)").click();
  await expect(guide.getByText("Tap the Share button")).toBeVisible();
  await expect(guide.locator("li")).toHaveCount(3);
  const shot = testInfo.outputPath("home-ios-guide.png");
  await page.screenshot({ path: shot });
  await testInfo.attach("iOS install guide", { path: shot, contentType: "image/png" });
  await context.close();
});

test("nothing is offered once the app runs installed (standalone)", async ({ page }) => {
  // Chromium cannot emulate display-mode, so the page is told it runs standalone, as an installed app is.
  await page.addInitScript(() => {
    const original = window.matchMedia.bind(window);
    window.matchMedia = (query: string) =>
      query.includes("display-mode: standalone")
        ? ({ ...original(query), matches: true } as MediaQueryList)
        : original(query);
  });
  const home = new HomePage(page);
  await home.goto();
  expect(await page.evaluate(() => matchMedia("(display-mode: standalone)").matches)).toBe(true);
  await offerInstall(page);
  await expect(home.scanLink).toBeVisible();
  await expect(page.getByRole("button", { name: "Install the app" })).toHaveCount(0);
  await expect(page.locator(".ios-guide")).toHaveCount(0);
});

/** Gzipped bytes of every script a fresh visit to `url` downloads (until the page is idle). */
async function firstLoadScripts(browser: Browser, url: string) {
  const context = await browser.newContext({ locale: "en-US", serviceWorkers: "block" });
  const page = await context.newPage();
  const scripts: { url: string; bytes: number; encoding: string }[] = [];
  page.on("requestfinished", async (request) => {
    if (request.resourceType() !== "script") return;
    const response = await request.response();
    const { responseBodySize } = await request.sizes();
    scripts.push({
      url: request.url(),
      bytes: responseBodySize,
      encoding: response?.headers()["content-encoding"] ?? "",
    });
  });
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  const bodies = await Promise.all(scripts.map(async (s) => (await page.request.get(s.url)).text()));
  await context.close();
  const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
  return { total, scripts, hasScanner: bodies.some((body) => body.includes("mediaDevices not supported")) };
}

test("first-load JavaScript: the scanner is sent only to /scan", async ({ browser, request }) => {
  const registered = await request.post("/api/v1/parcels", {
    headers: { authorization: "Bearer exq_demo_key" },
    data: { recipient: { name: "홍길동", phone: "010-1234-5678", address: "경기도 의정부시 오목로 150" } },
  });
  const { code } = await registered.json();
  const figures: Record<string, number> = {};
  for (const url of ["/", `/p/${code}`, "/scan"]) {
    const load = await firstLoadScripts(browser, url);
    // next start gzips responses over 1 KB (the threshold of its compression middleware).
    const plain = load.scripts.filter((s) => s.encoding !== "gzip" && s.bytes > 1024);
    expect(plain, `${url}: scripts sent without gzip`).toEqual([]);
    expect(load.hasScanner, `the camera scanner on ${url}`).toBe(url === "/scan");
    figures[url.startsWith("/p/") ? "/p/{code}" : url] = load.total;
  }
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `[figure] first-load JS, gzipped: ${Object.entries(figures)
      .map(([u, b]) => `${u} ${kb(b)}`)
      .join(", ")}`,
  );
  // /scan adds the camera loop; the decoder polyfill (14 KB of JavaScript) follows only once a
  // camera runs, which this camera-less browser never has (see scan-engine.spec.ts).
  expect(figures["/scan"]! - figures["/"]!).toBeGreaterThan(4 * 1024);
});
