/**
 * A courier's session ends while taps wait offline (an underground car park outlasting the idle
 * limit, or an admin logging the courier out): the taps stay pending, the page asks the courier to
 * log in again with the count waiting, and after that each is sent once, in the order tapped. The
 * queue is its owner's: another courier signing in on the same phone neither sends nor sees it.
 */
import Redis from "ioredis";
import { expect, test, type APIRequest, type Page } from "@playwright/test";
import type postgres from "postgres";
import { CourierPage } from "./pages/courier-page";
import { LoginPage } from "./pages/login-page";
import { adminApi, assignToDemoCourier, COURIER, database, openCourierDay } from "./support/courier-day";
import { storedOutbox, syncWithAppClosed } from "./support/outbox-device";
import { DEMO_KEY, registerFor } from "./support/recipient-data";

test.use({ locale: "en-US" });
test.describe.configure({ timeout: 240_000 });

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = database();
});
test.afterAll(async () => sql?.end());

const idOf = async (email: string) => (await sql`select id from users where email = ${email}`)[0]!.id as string;

const eventsOf = (code: string) =>
  sql`select e.status, e.occurred_at, e.actor_user_id, e.applied from parcel_events e
    join parcels p on p.id = e.parcel_id where p.code = ${code} order by e.id`;

/** Ends every session of the user in Redis, as an expired idle limit or an admin's "log out everywhere" does. */
async function endSessions(userId: string) {
  // A plain client: lib/redis/client.ts is server-only (it reads the app's configuration).
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    const keys = await redis.keys(`${process.env.REDIS_KEY_PREFIX ?? "exq:"}session:{${userId}}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

async function parcelsOfDemoCourier(request: APIRequest, baseURL: string, n: number) {
  const admin = await adminApi(await request.newContext({ baseURL }), baseURL);
  const codes: string[] = [];
  for (let i = 0; i < n; i++) {
    const code = await registerFor(admin, DEMO_KEY, "010-5555-0166", `session lost ${i}`);
    await assignToDemoCourier(admin, code);
    codes.push(code);
  }
  await admin.dispose();
  return codes;
}

async function logInOn(page: Page, identifier: string, password: string) {
  const login = new LoginPage(page);
  await login.goto("/courier");
  await login.logIn(identifier, password);
  await expect(page).toHaveURL(/\/courier$/, { timeout: 30_000 });
}

test("taps queued while the session ends stay pending (page and worker); after logging in again each is sent once, in tap order", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const [first, second] = await parcelsOfDemoCourier(playwright.request, baseURL!, 2);
  const courierId = await idOf(COURIER.identifier);
  const api = await playwright.request.newContext({ baseURL });
  const { context, page, courier } = await openCourierDay(browser, api, baseURL!, second!);

  await context.setOffline(true);
  await courier.tap(first!, "Picked up");
  await courier.tap(first!, "In transit");
  await courier.tap(second!, "Picked up");
  await expect(courier.outbox).toContainText("3 updates waiting");
  await endSessions(courierId);

  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  const banner = page.getByTestId("relogin");
  await expect(banner).toContainText("3 updates", { timeout: 30_000 });
  await expect(banner).toBeInViewport(); // wherever the courier has scrolled to
  const link = banner.getByRole("link", { name: "Log in again" });
  expect(new URL((await link.getAttribute("href"))!, baseURL).search).toBe(`?next=${encodeURIComponent("/courier")}`);
  await page.screenshot({ path: test.info().outputPath("relogin-banner.png") });
  const pending = async () => (await storedOutbox(page)).map((item) => `${item.state} ${item.status}`);
  expect(await pending()).toEqual(["pending picked_up", "pending in_transit", "pending picked_up"]);
  await expect(courier.outbox).not.toContainText("refused");

  // The app is closed; the worker's Background Sync asks who is signed in, hears 401 and sends nothing.
  const home = await syncWithAppClosed(context, page, baseURL!);
  expect((await storedOutbox(home)).map((item) => item.state)).toEqual(["pending", "pending", "pending"]);
  expect([...(await eventsOf(first!)), ...(await eventsOf(second!))]).toEqual([]);

  await logInOn(home, COURIER.identifier, COURIER.password);
  await expect.poll(() => storedOutbox(home), { timeout: 30_000 }).toEqual([]);
  await expect(new CourierPage(home).outbox).toHaveCount(0);
  await expect(home.getByTestId("relogin")).toHaveCount(0);
  const firstEvents = await eventsOf(first!);
  expect(firstEvents.map((e) => [e.status, e.actor_user_id, e.applied])).toEqual([
    ["picked_up", courierId, true],
    ["in_transit", courierId, true],
  ]);
  expect(firstEvents[0]!.occurred_at.getTime()).toBeLessThan(firstEvents[1]!.occurred_at.getTime());
  expect((await eventsOf(second!)).map((e) => e.status)).toEqual(["picked_up"]);
  await api.dispose();
});

test("another courier signing in on the same phone neither sends nor sees the first one's queue; its owner's next login sends it", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const [code] = await parcelsOfDemoCourier(playwright.request, baseURL!, 1);
  const courierId = await idOf(COURIER.identifier);
  // A second courier of the same carrier, with the demo courier's password (setup only).
  const other = { identifier: `other-${Date.now()}@exqress.local`, password: COURIER.password };
  await sql`insert into users (role, carrier_id, email, display_name, password_hash)
    select role, carrier_id, ${other.identifier}, '이배송', password_hash from users where id = ${courierId}
`;

  const api = await playwright.request.newContext({ baseURL });
  const { context, page, courier } = await openCourierDay(browser, api, baseURL!, code!);
  await context.setOffline(true);
  await courier.tap(code!, "Picked up");
  await expect(courier.outbox).toContainText("1 update waiting");
  await endSessions(courierId);
  await context.setOffline(false);

  // The phone changes hands: the other courier logs in and opens their day.
  await logInOn(page, other.identifier, other.password);
  await expect(page.getByRole("heading", { name: "Today's deliveries" })).toBeVisible();
  await page.waitForTimeout(3_000); // the page's own flush on start has run
  await expect(courier.outbox).toHaveCount(0);
  await expect(page.getByTestId("relogin")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(code!.slice(-6));

  // With the app closed, the worker sends only the signed-in courier's items: none.
  const home = await syncWithAppClosed(context, page, baseURL!);
  expect(await eventsOf(code!)).toEqual([]);
  expect((await storedOutbox(home)).map((item) => [item.owner, item.state])).toEqual([[courierId, "pending"]]);

  // The owner logs in again on the same phone: the tap goes out under their name, once.
  await logInOn(home, COURIER.identifier, COURIER.password);
  await expect.poll(() => storedOutbox(home), { timeout: 30_000 }).toEqual([]);
  await expect(new CourierPage(home).outbox).toHaveCount(0);
  expect((await eventsOf(code!)).map((e) => [e.status, e.actor_user_id])).toEqual([["picked_up", courierId]]);
  await api.dispose();
});
