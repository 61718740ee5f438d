/**
 * The figure "200 queued outbox updates flushed in how many seconds, and the server's p99 for
 * them" (printed, never asserted beyond "all 200 arrived once"): 100 parcels, two taps each,
 * queued while offline, sent when the connection comes back.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { CourierPage } from "./pages/courier-page";
import { bucketPercentile, courierContext, database, histogramBuckets, percentile } from "./support/courier-day";
import { DEMO_KEY } from "./support/recipient-data";

test.use({ locale: "en-US" });
test.describe.configure({ timeout: 300_000 });

const PARCELS = 100;
const EVENTS_ROUTE = "/api/v1/parcels/[code]/events";

test("figure: 200 queued updates across 100 parcels flushed after going online", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const sql = database();
  const api = await playwright.request.newContext({ baseURL });
  const recipient = { name: "김수민", phone: "010-5555-0199", address: "경기도 의정부시 오목로 150" };
  const batch = await api.post("/api/v1/parcels/batch", {
    headers: { authorization: `Bearer ${DEMO_KEY}` },
    data: { parcels: Array.from({ length: PARCELS }, () => ({ recipient })) },
  });
  expect(batch.status()).toBe(201);
  const codes = ((await batch.json()) as { parcels: { code: string }[] }).parcels.map((p) => p.code);
  // Setup only (the assignment route is tested elsewhere): all hundred to the demo courier at once.
  await sql`update parcels set courier_id = (select id from users where email = 'courier@exqress.local')
    where code = any(${codes})`;

  const context = await courierContext(browser, api, baseURL!);
  const page = await context.newPage();
  const courier = new CourierPage(page);
  await courier.goto();
  await expect(courier.card(codes[PARCELS - 1]!)).toBeVisible({ timeout: 30_000 });
  // Queued items belong to the courier who tapped them.
  const { userId: owner } = (await (await page.request.get("/api/v1/courier/me")).json()) as { userId: string };
  await context.setOffline(true);
  const start = Date.now();
  const items = codes.flatMap((code, i) =>
    ["picked_up", "in_transit"].map((status, step) => ({
      id: randomUUID(),
      owner,
      code,
      status,
      at: new Date(start + i * 2 + step).toISOString(),
      state: "pending",
      attempts: 0,
      nextAttemptAt: 0,
    })),
  );
  await page.evaluate(async (queued) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open("exqress-courier");
      open.onsuccess = () => resolve(open.result);
    });
    const store = db.transaction("outbox", "readwrite").objectStore("outbox");
    for (const item of queued) store.put(item);
    await new Promise((resolve) => (store.transaction.oncomplete = resolve));
    db.close();
    // As the app's own writes do: the screen hears of the change and shows what waits.
    new BroadcastChannel("exqress-outbox").postMessage("changed");
  }, items);
  await expect(courier.outbox).toContainText("200 updates waiting", { timeout: 30_000 });

  const before = histogramBuckets(await (await api.get("/api/metrics")).text(), "POST", EVENTS_ROUTE, "201");
  await page.evaluate(() => {
    performance.setResourceTimingBufferSize(5000);
    performance.clearResourceTimings();
  });
  const online = Date.now();
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(courier.outbox).toHaveCount(0, { timeout: 240_000 });
  const seconds = (Date.now() - online) / 1000;
  const [sent] = await sql`select count(*)::int as count from parcel_events e join parcels p on p.id = e.parcel_id
    where p.code = any(${codes})`;
  expect(sent!.count).toBe(2 * PARCELS);

  const after = histogramBuckets(await (await api.get("/api/metrics")).text(), "POST", EVENTS_ROUTE, "201");
  const client = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((entry) => entry.name.includes("/events"))
      .map((entry) => entry.duration),
  );
  console.log(
    `[figure] outbox: ${2 * PARCELS} queued updates flushed in ${seconds.toFixed(1)} s; ` +
      `server p99 ≤ ${bucketPercentile(before, after, 99)} s, p50 ≤ ${bucketPercentile(before, after, 50)} s (histogram buckets); ` +
      `seen by the page: p50 ${Math.round(percentile(client, 50))} ms, p99 ${Math.round(percentile(client, 99))} ms (${client.length} requests)`,
  );
  await sql.end();
  await api.dispose();
});
