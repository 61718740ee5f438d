/**
 * /scan without a working camera: permission refused, and the two fallbacks (a photo, the typed
 * short code) that reach the same parcel page as the camera does.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { HomePage } from "./pages/home-page";
import { ScanPage } from "./pages/scan-page";
import { launchWithCamera, phoneContext } from "./support/camera-browser";
import { writeBlankVideo, writeQrPng } from "./support/qr-video";

test.use({ locale: "en-US" });

async function registerParcel(request: APIRequestContext): Promise<{ code: string; url: string }> {
  const response = await request.post("/api/v1/parcels", {
    headers: { authorization: "Bearer exq_demo_key" },
    data: { recipient: { name: "홍길동", phone: "010-1234-5678", address: "경기도 의정부시 오목로 150" } },
  });
  expect(response.status()).toBe(201);
  return response.json();
}

/** The short code as printed under the QR, typed in lower case. */
const typedShortCode = (code: string) =>
  code
    .match(/.{1,5}/g)!
    .join("-")
    .toLowerCase();

test("camera permission refused: plain instructions, and both fallbacks offered", async ({ baseURL }, testInfo) => {
  const browser = await launchWithCamera(writeBlankVideo(testInfo.outputPath("blank.y4m")), "deny");
  try {
    const page = await (await phoneContext(browser, baseURL!)).newPage();
    const scan = new ScanPage(page);
    await scan.goto();
    await expect(scan.problem).toHaveAttribute("data-problem", "denied");
    await expect(scan.problem.getByRole("heading")).toHaveText("Camera access is blocked");
    await expect(scan.problem.getByRole("button", { name: "Restart the camera" })).toBeVisible();
    await expect(scan.photoInput).toBeAttached();
    await expect(scan.codeInput).toBeVisible();
    // Targets a thumb can hit: 44 px and more.
    for (const target of [page.locator(".file-button"), scan.openButton, page.locator(".mode-options label").first()]) {
      expect((await target.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const shot = testInfo.outputPath("scan-denied-390x844.png");
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach("camera permission refused", { path: shot, contentType: "image/png" });
  } finally {
    await browser.close();
  }
});

test("a photo of the label opens the parcel page", async ({ page, request }, testInfo) => {
  const { code, url } = await registerParcel(request);
  const scan = new ScanPage(page);
  await scan.goto();
  await scan.photoInput.setInputFiles(await writeQrPng(testInfo.outputPath("label.png"), url));
  await page.waitForURL(`**/p/${code}`);
  await expect(page.locator('[data-field="name"]')).toHaveText("홍*동");
});

test("a photo of another site's QR code is refused", async ({ page }, testInfo) => {
  const scan = new ScanPage(page);
  await scan.goto();
  await scan.photoInput.setInputFiles(await writeQrPng(testInfo.outputPath("other.png"), "https://evil.example/x"));
  await expect(scan.notice).toContainText("belongs to another website");
  await expect(page).toHaveURL(/\/scan$/);
});

test("the typed short code opens the parcel page (any case, with hyphens)", async ({ page, request }) => {
  const { code } = await registerParcel(request);
  const scan = new ScanPage(page);
  await scan.goto();
  await scan.codeInput.fill("not-a-code");
  await scan.openButton.click();
  await expect(page.locator("#manual-code-error")).toHaveText("That code is not right. Check the 26 characters again.");
  await expect(scan.codeInput).toHaveAttribute("aria-invalid", "true");
  await scan.codeInput.fill(typedShortCode(code));
  await scan.openButton.click();
  await page.waitForURL(`**/p/${code}`);
  await expect(page.locator('[data-field="phone"]')).toHaveText("010-1234-****");
});

test("the typed code works without JavaScript too", async ({ browser, request }) => {
  const { code } = await registerParcel(request);
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/scan");
  await page.getByLabel("Type the label's code").fill(` ${typedShortCode(code)} `);
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await page.waitForURL(`**/p/${code}`);
  await page.goto("/scan?code=nonsense");
  await expect(page.locator("#manual-code-error")).toHaveText("That code is not right. Check the 26 characters again.");
  await context.close();
});

const SCANNER_MARK = "mediaDevices not supported";

test("the scanner's code loads only on /scan", async ({ page }) => {
  const scripts: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.url());
  });
  const home = new HomePage(page);
  await home.goto();
  await page.waitForLoadState("networkidle");
  const bodies = async () => Promise.all(scripts.map(async (url) => (await page.request.get(url)).text()));
  // A string of the camera loop's own source (app/(site)/scan/camera-stream.ts).
  expect((await bodies()).some((body) => body.includes(SCANNER_MARK))).toBe(false);
  await home.scanLink.click();
  // Attached, not visible: without a camera the viewfinder hides as soon as the camera fails.
  await new ScanPage(page).viewfinder.waitFor({ state: "attached" });
  await page.waitForLoadState("networkidle");
  expect((await bodies()).some((body) => body.includes(SCANNER_MARK))).toBe(true);
});

test.describe("in Korean, the default", () => {
  test.use({ locale: "ko-KR" });

  test("a phone without a camera is told so and offered the fallbacks", async ({ page }, testInfo) => {
    const scan = new ScanPage(page);
    await scan.goto();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("QR 스캔");
    await expect(scan.problem).toHaveAttribute("data-problem", /no_camera|unknown|denied/);
    await expect(page.getByLabel("운송장 코드 입력")).toBeVisible();
    await expect(page.getByText("사진에서 QR 찾기")).toBeVisible();
    const shot = testInfo.outputPath("scan-no-camera-ko-390x844.png");
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach("no camera, Korean", { path: shot, contentType: "image/png" });
  });
});
