/**
 * Background Sync: a tap made offline is sent by the service worker's `sync` event after the
 * courier closed the app (fired as the browser would: support/outbox-device.ts).
 */
import { expect, test } from "@playwright/test";
import { adminApi, assignToDemoCourier, database, openCourierDay } from "./support/courier-day";
import { dispatchOutboxSync, storedOutbox } from "./support/outbox-device";
import { DEMO_KEY, registerFor } from "./support/recipient-data";

test.use({ locale: "en-US" });
test.describe.configure({ timeout: 180_000 });

test("an offline tap asks for Background Sync; the worker sends it with the app closed", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const sql = database();
  const admin = await adminApi(await playwright.request.newContext({ baseURL }), baseURL!);
  const code = await registerFor(admin, DEMO_KEY, "010-5555-0177", "background sync");
  await assignToDemoCourier(admin, code);
  await admin.dispose();

  const api = await playwright.request.newContext({ baseURL });
  const { context, page, courier } = await openCourierDay(browser, api, baseURL!, code);
  await context.setOffline(true);
  await courier.tap(code, "Picked up");
  await expect(courier.outbox).toContainText("1 update waiting");
  const tags = await page.evaluate(async () => {
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
      sync?: { getTags(): Promise<string[]> };
    };
    return registration.sync ? registration.sync.getTags() : null;
  });
  expect(tags).toContain("exqress-outbox");

  // The courier closes the app; only a page that never touches the outbox stays open.
  const home = await context.newPage();
  await home.goto("/").catch(() => {});
  await page.close();
  await context.setOffline(false);
  await dispatchOutboxSync(context, home, baseURL!);
  const statusOf = async () => (await sql`select status from parcels where code = ${code}`)[0]?.status;
  await expect.poll(statusOf, { timeout: 30_000 }).toBe("picked_up");
  expect(await storedOutbox(home)).toEqual([]);
  const events =
    await sql`select e.status from parcel_events e join parcels p on p.id = e.parcel_id where p.code = ${code}`;
  expect(events.map((e) => e.status)).toEqual(["picked_up"]);
  await sql.end();
  await api.dispose();
});
