import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import postgres from "postgres";
import { cameraJpeg, CourierPage } from "./pages/courier-page";
import { LoginPage } from "./pages/login-page";

test.use({ locale: "en-US" });
// Dozens of taps, each a round trip through the outbox, on a shared two-core machine.
test.describe.configure({ timeout: 180_000 });

const DEMO_KEY = { authorization: "Bearer exq_demo_key" };
const COURIER = { identifier: "courier@exqress.local", password: "courier1234!" };
const ADMIN = { identifier: "admin@exqress.local", password: "admin1234!" };
// What no browser storage may ever hold (the parcels below are registered with these).
const PLAINTEXT = ["홍길동", "010-5555", "오목로 150", "211동", "문 앞에"];
const PARCEL = {
  recipient: {
    name: "홍길동",
    phone: "010-5555-0101",
    address: "경기도 의정부시 오목로 150",
    addressDetail: "211동 1203호",
    memo: "문 앞에 놓아 주세요",
  },
};

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
});
test.afterAll(async () => sql?.end());

async function registerAndAssign(api: APIRequestContext, baseURL: string, count: number): Promise<string[]> {
  const admin = await api.post("/api/auth/login", { headers: { origin: baseURL }, data: ADMIN });
  expect(admin.status()).toBe(200);
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const registered = await api.post("/api/v1/parcels", { headers: DEMO_KEY, data: PARCEL });
    const { code } = (await registered.json()) as { code: string };
    // The admin's session (the cookie from the login above) assigns it.
    const assigned = await api.post(`/api/v1/parcels/${code}/assignment`, {
      data: { courierEmail: COURIER.identifier },
    });
    expect(assigned.status()).toBe(200);
    codes.push(code);
  }
  return codes;
}

async function logInAsCourier(page: Page) {
  const login = new LoginPage(page);
  await login.goto("/courier");
  await login.logIn(COURIER.identifier, COURIER.password);
  // argon2id on a busy machine: a login may take a few seconds.
  await expect(page).toHaveURL(/\/courier$/, { timeout: 30_000 });
}

const eventsOf = (codes: string[]) => sql<{ code: string; status: string; occurred_at: Date }[]>`
  select p.code, e.status, e.occurred_at from parcel_events e join parcels p on p.id = e.parcel_id
  where p.code = any(${codes}) order by e.id`;

test("a courier's day: assigned parcels, an audited reveal, next steps, a failed attempt, delivered with a photo", async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const api = await playwright.request.newContext({ baseURL });
  const [first, second] = await registerAndAssign(api, baseURL!, 2);
  await api.dispose();
  await logInAsCourier(page);
  const courier = new CourierPage(page);
  await expect(courier.card(first!)).toContainText("경기도 의정부시 오목로 ***");
  await expect(courier.card(second!)).toBeVisible();
  await expect(page.locator("body")).not.toContainText("오목로 150");
  await page.screenshot({ path: testInfo.outputPath("courier-list.png") });

  await courier.card(first!).getByRole("button", { name: "Show address" }).click();
  await expect(courier.revealed).toContainText("경기도 의정부시 오목로 150");
  await page.screenshot({ path: testInfo.outputPath("courier-revealed.png") });
  const disclosures = await sql`select d.viewer_role from disclosures d join parcels p on p.id = d.parcel_id
    where p.code = ${first!}`;
  expect(disclosures.map((row) => row.viewer_role)).toEqual(["courier"]);

  for (const step of ["Picked up", "In transit", "Out for delivery"]) {
    await courier.tap(first!, step);
    await courier.tap(second!, step);
  }
  for (const code of [first!, second!]) {
    await expect(courier.group("Out for delivery").locator(`li[data-code="${code}"]`)).toBeVisible();
  }
  await courier.tap(second!, "Failed attempt");
  await expect(courier.card(second!).getByRole("radio")).toHaveCount(5);
  await page.screenshot({ path: testInfo.outputPath("courier-failed-reasons.png") });
  await courier.card(second!).getByRole("radio", { name: "Nobody home" }).check();
  await courier.card(second!).getByRole("button", { name: "Confirm" }).click();

  await courier.deliverWithPhoto(first!, await cameraJpeg(page));
  await expect(courier.card(first!)).toHaveCount(0);
  await expect(courier.outbox).toHaveCount(0);
  const [delivered] = await sql`select p.status, count(pp.id)::int as photos, max(pp.size) as size
    from parcels p left join parcel_proofs pp on pp.parcel_id = p.id where p.code = ${first!} group by p.status`;
  expect(delivered).toMatchObject({ status: "delivered", photos: 1 });
  // Resized on the device: 2000×1500 became at most 1280 px, a small JPEG.
  expect(Number(delivered!.size)).toBeLessThan(200_000);
  expect((await eventsOf([second!])).map((e) => e.status)).toEqual([
    "picked_up",
    "in_transit",
    "out_for_delivery",
    "failed_attempt",
  ]);
  // The courier's full view ended with the delivery.
  const reveal = await page.request.post(`/api/v1/courier/parcels/${first!}/address`);
  expect(reveal.status()).toBe(403);
});

test("offline: 20 taps across 10 parcels survive the page and reach the server once each, in tap order", async ({
  page,
  context,
  playwright,
  baseURL,
}, testInfo) => {
  const api = await playwright.request.newContext({ baseURL });
  const codes = await registerAndAssign(api, baseURL!, 11);
  const reassigned = codes.pop()!;
  await logInAsCourier(page);
  const courier = new CourierPage(page);
  await expect(courier.card(codes[9]!)).toBeVisible();

  await context.setOffline(true);
  for (const code of codes) await courier.tap(code, "Picked up");
  for (const code of codes) await courier.tap(code, "In transit");
  // One more, for a parcel the admin takes away meanwhile: it must come back refused, with why.
  await courier.tap(reassigned, "Picked up");
  await expect(courier.outbox).toContainText("21 updates waiting");
  await page.screenshot({ path: testInfo.outputPath("courier-outbox-pending.png"), fullPage: true });
  const stored = await courier.storedText();
  for (const plain of PLAINTEXT) expect(stored).not.toContain(plain);
  const queued = await page.evaluate(
    () =>
      new Promise<unknown[]>((resolve) => {
        const open = indexedDB.open("exqress-courier");
        open.onsuccess = () => {
          const request = open.result.transaction("outbox").objectStore("outbox").getAll();
          request.onsuccess = () => resolve(request.result);
        };
      }),
  );
  expect(queued).toHaveLength(21);
  await page.close();

  expect((await api.post(`/api/v1/parcels/${reassigned}/assignment`, { data: { courierEmail: null } })).status()).toBe(
    200,
  );
  await api.dispose();
  await context.setOffline(false);
  const again = await context.newPage();
  const back = new CourierPage(again);
  await back.goto();
  await expect(back.outbox).toContainText("1 update refused", { timeout: 30_000 });
  await expect(back.outbox).toContainText("Reassigned to another courier.");
  await again.screenshot({ path: testInfo.outputPath("courier-outbox-failed.png"), fullPage: true });

  const events = await eventsOf(codes);
  expect(events).toHaveLength(20);
  for (const code of codes) {
    const mine = events.filter((event) => event.code === code);
    expect(mine.map((event) => event.status)).toEqual(["picked_up", "in_transit"]);
    expect(mine[0]!.occurred_at.getTime()).toBeLessThan(mine[1]!.occurred_at.getTime());
  }

  // The same outbox replayed from two tabs at once: still 20.
  const tabs = [again, await context.newPage()];
  await tabs[1]!.goto("/courier");
  await Promise.all(
    tabs.map((tab) =>
      tab.evaluate(async (items) => {
        const db = await new Promise<IDBDatabase>((resolve) => {
          const open = indexedDB.open("exqress-courier");
          open.onsuccess = () => resolve(open.result);
        });
        const store = db.transaction("outbox", "readwrite").objectStore("outbox");
        for (const item of items as { state: string }[]) store.put({ ...item, state: "pending", nextAttemptAt: 0 });
        db.close();
        window.dispatchEvent(new Event("online"));
      }, queued),
    ),
  );
  await expect(back.outbox).toContainText("1 update refused", { timeout: 30_000 });
  await expect(back.outbox).not.toContainText("waiting", { timeout: 30_000 });
  expect(await eventsOf(codes)).toHaveLength(20);
  const after = await back.storedText();
  for (const plain of PLAINTEXT) expect(after).not.toContain(plain);
});
