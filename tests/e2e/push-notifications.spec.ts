/**
 * Web Push in the browser: the notifications switch, and a push delivered to the service worker
 * as the push service would (DevTools' ServiceWorker.deliverPushMessage) shown as a notification
 * in the reader's language that leads to the parcel's page.
 */
import { expect as baseExpect, test, type BrowserContext, type Page } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { database } from "./support/courier-day";
import { DEMO_KEY, DEMO_PHONE, registerFor } from "./support/recipient-data";
import { serviceWorkerRegistration } from "./support/service-worker-cdp";

test.use({ locale: "en-US" });
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

async function logIn(page: Page, next: string) {
  const login = new LoginPage(page);
  await login.goto(next);
  await login.logIn(DEMO_PHONE, "recipient1234!");
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/]/g, "\\/")}$`));
}

/** Delivers `data` to the page's service worker as a push message, through the DevTools protocol. */
async function deliverPush(context: BrowserContext, page: Page, baseURL: string, data: unknown): Promise<void> {
  const { cdp, registrationId } = await serviceWorkerRegistration(context, page, baseURL);
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin: baseURL,
    registrationId,
    data: JSON.stringify(data),
  });
}

const shownNotifications = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const shown = await registration.getNotifications();
    return shown.map(({ title, body, tag, data, icon }) => ({ title, body, tag, data: data as unknown, icon }));
  });

test("a push about the owner's parcel shows in the reader's language and leads to the parcel page", async ({
  browser,
  request,
  baseURL,
}) => {
  const code = await registerFor(request, DEMO_KEY, DEMO_PHONE, "push notice");
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 390, height: 844 } });
  await context.grantPermissions(["notifications"], { origin: baseURL });
  const page = await context.newPage();
  await logIn(page, "/parcels");
  const toggle = page.locator("section.push-toggle");
  await expect(toggle).toContainText("Get told on this device");
  await expect(toggle.getByRole("button", { name: "Turn on notifications" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("parcels-push-390x844.png"), fullPage: true });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

  // On: permission (granted above), a subscription with the server's VAPID key, registered with the
  // server. Subscribing needs the browser's own push service: a Chromium without one (Debian's has no
  // Google API keys, and the test machine reaches only loopback) is refused, and the switch must say so.
  const browserCanSubscribe = await page.evaluate(async () => {
    const key = ((await (await fetch("/api/push/public-key")).json()) as { publicKey: string }).publicKey;
    const bytes = Uint8Array.from(atob(key.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    const push = (await navigator.serviceWorker.ready).pushManager;
    const made = await push.subscribe({ userVisibleOnly: true, applicationServerKey: bytes }).catch(() => null);
    await made?.unsubscribe();
    return made !== null;
  });
  await toggle.getByRole("button", { name: "Turn on notifications" }).click();
  const sql = database();
  if (browserCanSubscribe) {
    await expect(toggle).toHaveAttribute("data-push-state", "on", { timeout: 60_000 });
    const endpoint = await page.evaluate(
      async () => (await (await navigator.serviceWorker.ready).pushManager.getSubscription())?.endpoint ?? "",
    );
    expect(await sql`select 1 from push_subscriptions where endpoint = ${endpoint}`).toHaveLength(1);
    await toggle.getByRole("button", { name: "Turn off notifications" }).click();
    await expect(toggle).toHaveAttribute("data-push-state", "off");
    expect(await sql`select 1 from push_subscriptions where endpoint = ${endpoint}`).toHaveLength(0);
  } else {
    test.info().annotations.push({ type: "note", description: "this Chromium has no push service to subscribe with" });
    await expect(toggle.getByRole("alert")).toHaveText("Notifications could not be turned on. Try again in a moment.");
    await expect(toggle).toHaveAttribute("data-push-state", "off");
    expect(await sql`select 1 from push_subscriptions`).toHaveLength(0);
  }
  await sql.end();

  const tail = code.slice(-4);
  await deliverPush(context, page, baseURL!, {
    kind: "status",
    status: "out_for_delivery",
    codeTail: tail,
    path: `/p/${code}`,
  });
  await expect
    .poll(() => shownNotifications(page))
    .toEqual([
      {
        title: "Out for delivery",
        body: `Parcel …${tail} is out for delivery today.`,
        tag: `exq-parcel-${tail}`,
        data: { path: `/p/${code}` },
        icon: `${baseURL}/icons/icon-192.png`,
      },
    ]);

  // Where a tap leads: the owner's page of that parcel, with the switch there too.
  const [shown] = await shownNotifications(page);
  await page.goto((shown?.data as { path: string }).path);
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(page.locator("body")).toContainText("push notice");

  // The reader switches to Korean: the page tells the worker, whose next notification is in Korean.
  await page.locator("form.language-switch button").click();
  await expect(page.getByRole("heading", { name: "알림" })).toBeVisible();
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open("exq-prefs")).match("/__exq/lang"))?.text()))
    .toBe("ko");
  await deliverPush(context, page, baseURL!, { kind: "message", codeTail: tail, path: `/p/${code}` });
  await expect
    .poll(async () => (await shownNotifications(page)).map(({ title, body }) => `${title}: ${body}`))
    .toEqual([`새 메시지: 배송기사가 택배(…${tail})에 대해 메시지를 보냈어요.`]);
  await page.screenshot({ path: test.info().outputPath("owner-push-ko-390x844.png"), fullPage: true });
  await context.close();
});

test("the courier's list has the switch, worded for a courier", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto("/courier");
  await login.logIn("courier@exqress.local", "courier1234!");
  await expect(page).toHaveURL(/\/courier$/);
  await expect(page.locator("section.push-toggle")).toContainText("new deliveries assigned to you");
  await page.screenshot({ path: test.info().outputPath("courier-push-390x844.png"), fullPage: true });
  await context.close();
});

test("on an iPhone outside the Home Screen the switch says to add the app first", async ({ browser }) => {
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 390, height: 844 },
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  });
  const page = await context.newPage();
  await logIn(page, "/parcels");
  const toggle = page.locator("section.push-toggle");
  await expect(toggle).toContainText("first add the app to your Home Screen");
  await expect(toggle.getByRole("button")).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("parcels-push-ios-390x844.png"), fullPage: true });
  await context.close();
});
