/**
 * The camera scanner in a real Chromium whose fake camera films a QR code (a Y4M written from the
 * QR matrix at test time). Each video needs its own browser, launched inside the test.
 */
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { ScanPage } from "./pages/scan-page";
import { launchWithCamera, median, phoneContext } from "./support/camera-browser";
import { writeBlankVideo, writeQrVideo } from "./support/qr-video";

const RECIPIENT = { name: "홍길동", phone: "010-1234-5678", address: "경기도 의정부시 오목로 150" };
const RUNS = 5;

async function registerParcel(request: APIRequestContext): Promise<{ code: string; url: string }> {
  const response = await request.post("/api/v1/parcels", {
    headers: { authorization: "Bearer exq_demo_key" },
    data: { recipient: RECIPIENT },
  });
  expect(response.status()).toBe(201);
  return response.json();
}

let browser: Browser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

test("a label's QR in front of the camera opens the parcel page with the masked view", async ({
  request,
  baseURL,
}, testInfo) => {
  const { code, url } = await registerParcel(request);
  // The QR holds exactly what a label prints: `${PUBLIC_URL}/p/{code}`, the test server's own URL.
  expect(url).toBe(`${baseURL}/p/${code}`);
  browser = await launchWithCamera(writeQrVideo(testInfo.outputPath("label.y4m"), url));
  const context = await phoneContext(browser, baseURL!);
  // Timed inside the tab: from the viewfinder reporting a running camera to the scanner leaving
  // for /p/{code}. A stranger's parcel page has its own root layout, so Next.js loads it as a new
  // document: the marks live in sessionStorage, which the tab keeps across that load.
  await context.addInitScript(() => {
    const mark = (name: string) => {
      const marks = JSON.parse(sessionStorage.getItem("exqMarks") ?? "{}") as Record<string, number>;
      if (marks[name]) return;
      sessionStorage.setItem("exqMarks", JSON.stringify({ ...marks, [name]: Date.now() }));
    };
    if (!location.pathname.startsWith("/scan")) return;
    new MutationObserver(() => {
      if (document.querySelector('.viewfinder[data-camera="running"]')) mark("running");
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-camera"], childList: true });
    const push = history.pushState.bind(history);
    history.pushState = (...args: Parameters<History["pushState"]>) => {
      if (String(args[2]).includes("/p/")) mark("navigated");
      return push(...args);
    };
    addEventListener("pagehide", () => mark("navigated"));
  });
  const timings: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await context.newPage();
    const scan = new ScanPage(page);
    await scan.goto();
    await page.waitForURL(`**/p/${code}`, { waitUntil: "commit" });
    const marks = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem("exqMarks") ?? "{}") as Record<string, number>,
    );
    expect(marks.running, "the camera ran before the navigation").toBeLessThan(marks.navigated!);
    timings.push(Math.round(marks.navigated! - marks.running!));
    await expect(page.locator('[data-field="name"]')).toHaveText("홍*동");
    await expect(page.locator('[data-field="phone"]')).toHaveText("010-1234-****");
    await expect(page.locator('[data-field="address"]')).toHaveText("경기도 의정부시 오목로 ***");
    // Leaving /scan stopped the camera.
    await expect.poll(() => scan.liveVideoTracks()).toBe(0);
    await page.close();
  }
  console.log(`[figure] camera running → /p/{code}: median ${median(timings)} ms of ${RUNS} (${timings.join(", ")})`);
  testInfo.annotations.push({ type: "camera to navigation (median ms)", description: String(median(timings)) });
});

test("a camera that sees no QR code goes nowhere; the camera runs once and stops when hidden", async ({
  baseURL,
}, testInfo) => {
  browser = await launchWithCamera(writeBlankVideo(testInfo.outputPath("blank.y4m")));
  const page = await (await phoneContext(browser, baseURL!)).newPage();
  const scan = new ScanPage(page);
  await scan.goto();
  await scan.cameraRunning();
  await page.waitForTimeout(3000);
  await expect(page).toHaveURL(/\/scan$/);
  await expect(scan.notice).toHaveText("Hold the label's QR code inside the square.");
  expect(await scan.liveVideoTracks()).toBe(1);

  const shot = testInfo.outputPath("scan-camera-390x844.png");
  await page.screenshot({ path: shot });
  await testInfo.attach("scan with the camera running", { path: shot, contentType: "image/png" });

  // The app goes to the background: the camera light must go off, and come back on return.
  const setVisibility = (state: "hidden" | "visible") =>
    page.evaluate((value) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => value });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);
  await setVisibility("hidden");
  await expect.poll(() => scan.liveVideoTracks()).toBe(0);
  await expect(scan.viewfinder).toHaveAttribute("data-camera", "off");
  await setVisibility("visible");
  await scan.cameraRunning();
  expect(await scan.liveVideoTracks()).toBe(1);
});

for (const [label, text, message] of [
  ["another site's URL", "https://evil.example/p/0ABCDEFGHJKMNPQRSTVWXYZ01", "belongs to another website"],
  ["a javascript: URL", "javascript:alert(document.domain)", "not an EXQRESS label QR code"],
] as const) {
  test(`a QR code with ${label} is refused with a message and never opened`, async ({ baseURL }, testInfo) => {
    browser = await launchWithCamera(writeQrVideo(testInfo.outputPath("foreign.y4m"), text));
    const page = await (await phoneContext(browser, baseURL!)).newPage();
    page.on("dialog", (dialog) => {
      throw new Error(`a dialog opened: ${dialog.message()}`);
    });
    const scan = new ScanPage(page);
    await scan.goto();
    await expect(scan.notice).toContainText(message, { timeout: 15_000 });
    await expect(scan.notice).toHaveAttribute("data-tone", "warning");
    await page.waitForTimeout(1000);
    await expect(page).toHaveURL(/\/scan$/);
  });
}

test("a courier scans in a row: each parcel once, with the view the courier's role allows", async ({
  playwright,
  request,
  baseURL,
}, testInfo) => {
  const courier = await playwright.request.newContext({ baseURL });
  const login = await courier.post("/api/auth/login", {
    headers: { origin: baseURL! },
    data: { identifier: "courier@exqress.local", password: "courier1234!" },
  });
  expect(login.status()).toBe(200);
  // The seeded parcel out for delivery with this courier shows in full; should another test have
  // delivered it by now, a parcel of someone else's round shows masked, which is just as telling.
  const list = (await (await courier.get("/api/v1/courier/parcels")).json()) as { parcels: { code: string }[] };
  const assigned = list.parcels[0]?.code;
  const code = assigned ?? (await registerParcel(request)).code;
  browser = await launchWithCamera(writeQrVideo(testInfo.outputPath("round.y4m"), `${baseURL}/p/${code}`));
  const context = await phoneContext(browser, baseURL!);
  await context.addCookies((await courier.storageState()).cookies);
  await courier.dispose();
  const page = await context.newPage();
  const scan = new ScanPage(page);
  await scan.goto();
  await expect(page.getByRole("radio", { name: "Scan in a row" })).toBeChecked();
  await expect(scan.results).toHaveCount(1, { timeout: 15_000 });
  await expect(scan.results.first()).toHaveAttribute("data-status", "found");
  await expect(scan.results.first()).toContainText(assigned ? "Full details" : "Masked");
  await expect(scan.notice).toContainText(/Added|Already scanned/);
  // The label stays in view for seconds: still one entry, and the page stays on /scan.
  await page.waitForTimeout(2500);
  await expect(scan.results).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Scanned: 1" })).toBeVisible();
  await expect(page).toHaveURL(/\/scan$/);
  const shot = testInfo.outputPath("scan-continuous-390x844.png");
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach("continuous scanning", { path: shot, contentType: "image/png" });
});
