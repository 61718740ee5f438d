import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import {
  assignCourier,
  createCarrierWithKey,
  DEMO_KEY,
  DEMO_PHONE,
  registerFor,
  setStatus,
} from "./support/recipient-data";

test.use({ locale: "en-US" });
// Several browsers and logins per test, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

const OTHER_PHONE = "010-5555-0003";

async function logIn(page: Page, identifier: string, password: string, next: string) {
  const login = new LoginPage(page);
  await login.goto(next);
  await login.logIn(identifier, password);
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/]/g, "\\/")}$`));
}

async function shoot(page: Page, name: string) {
  const file = test.info().outputPath(`${name}-390x844.png`);
  await page.screenshot({ path: file, fullPage: true });
  await test.info().attach(name, { path: file, contentType: "image/png" });
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 390, height: 844 } });
  return context.newPage();
}

test("a recipient sees their parcels of two carriers, never another phone's, and a status change without reloading", async ({
  page,
  request,
}) => {
  const other = await createCarrierWithKey();
  const mine = [
    await registerFor(request, DEMO_KEY, DEMO_PHONE, "Books"),
    await registerFor(request, other.key, DEMO_PHONE, "Shoes"),
  ];
  const theirs = [
    await registerFor(request, DEMO_KEY, OTHER_PHONE, "Secret A"),
    await registerFor(request, other.key, OTHER_PHONE, "Secret B"),
  ];
  await logIn(page, DEMO_PHONE, "recipient1234!", "/parcels");
  for (const code of mine) await expect(page.locator(`li[data-code="${code}"]`)).toBeVisible();
  await expect(page.locator(`li[data-code="${mine[1]}"]`)).toContainText(other.name);
  const html = await page.content();
  for (const code of theirs) expect(html).not.toContain(code);
  expect(html).not.toContain("Secret");

  // A marker on window survives only if the page is never reloaded.
  await page.evaluate(() => Object.assign(window, { __noReload: true }));
  await setStatus(request, other.key, mine[1]!, "picked_up");
  await expect(page.locator(`li[data-code="${mine[1]}"]`)).toContainText("Picked up", { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // Filters fetch in place.
  await page.getByLabel("Carrier").selectOption({ label: other.name });
  await expect(page.locator(`li[data-code="${mine[0]}"]`)).toHaveCount(0);
  await expect(page.locator(`li[data-code="${mine[1]}"]`)).toBeVisible();
  await page.getByLabel("Carrier").selectOption({ label: "All carriers" });
  await shoot(page, "parcels");
});

test("the owner's page lists exactly the courier's and the admin's full views, and messages go both ways", async ({
  page,
  request,
  browser,
}) => {
  const code = await registerFor(request, DEMO_KEY, DEMO_PHONE, "Camera");
  await setStatus(request, DEMO_KEY, code, "picked_up");
  await assignCourier(code, "courier@exqress.local");

  // The owner looks first: the owner's own views are never in the list.
  await logIn(page, DEMO_PHONE, "recipient1234!", `/p/${code}`);
  const courier = await newPage(browser);
  await logIn(courier, "courier@exqress.local", "courier1234!", `/p/${code}`);
  await expect(courier.locator('[data-field="addressDetail"]')).toHaveText("211동");
  const admin = await newPage(browser);
  await logIn(admin, "admin@exqress.local", "admin1234!", `/p/${code}`);
  await expect(admin.locator('[data-field="addressDetail"]')).toHaveText("211동");

  await page.reload();
  const lines = page.getByTestId("disclosures").locator("li");
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toContainText("Courier 김배송");
  await expect(lines.nth(1)).toContainText("Carrier admin EXQ 관리자");
  await expect(page.getByRole("button", { name: "Not mine" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Return it" })).toBeVisible();

  // Courier → owner (the courier's screen is another issue's: its session calls the API).
  const sent = await courier.request.post(`/api/v1/parcels/${code}/messages`, { data: { body: "At the door" } });
  expect(sent.status()).toBe(201);
  await expect(page.getByText("At the door")).toBeVisible({ timeout: 15_000 });
  await page.getByRole("textbox", { name: "Message" }).fill("Leave it at the guard office");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("Leave it at the guard office")).toBeVisible();
  const thread = await (await courier.request.get(`/api/v1/parcels/${code}/messages`)).json();
  expect(thread.messages.map((m: { body: string }) => m.body)).toEqual(["At the door", "Leave it at the guard office"]);
  expect(JSON.stringify(thread)).not.toContain("0000-0001");
  await shoot(page, "owner-page");

  // An outsider (the stranger's browser) reads nothing.
  const stranger = await newPage(browser);
  expect((await stranger.request.get(`/api/v1/parcels/${code}/messages`)).status()).toBe(401);
  await Promise.all([courier, admin, stranger].map((p) => p.context().close()));
});

test("a found report from a logged-out browser reaches the carrier, and one IP is throttled", async ({
  page,
  request,
}) => {
  const code = await registerFor(request, DEMO_KEY, DEMO_PHONE, "Umbrella");
  await page.goto(`/p/${code}`);
  await page.getByRole("button", { name: "I found this parcel" }).click();
  await page.getByLabel("Where is it?").fill("Next to the mailboxes");
  await page.getByLabel("How to reach you (optional)").fill("finder@example.com");
  await shoot(page, "stranger-found-form");
  await page.getByRole("button", { name: "Tell the carrier" }).click();
  const status = page.getByRole("status");
  await expect(status).toContainText("reference number is R-");
  const reference = (await status.textContent())!.match(/R-[0-9A-Z-]+/)![0].replace(/-$/, "");
  const inbox = await request.get("/api/v1/reports", { headers: { authorization: `Bearer ${DEMO_KEY}` } });
  const { reports } = await inbox.json();
  expect(reports[0]).toMatchObject({ reference, code, contact: "finder@example.com", place: "Next to the mailboxes" });

  // 30 in a minute from the same IP: the bucket ran dry long before.
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) {
    const response = await request.post(`/api/v1/parcels/${code}/reports`, { data: { kind: "found" } });
    statuses.push(response.status());
  }
  expect(statuses).toContain(429);
  expect(statuses.at(-1)).toBe(429);
});

test("the account page shows the masked phone and the devices", async ({ page }) => {
  await logIn(page, DEMO_PHONE, "recipient1234!", "/account");
  await expect(page.getByTestId("identity")).toHaveText("010-0000-****");
  await expect(page.getByRole("button", { name: "Delete my account" })).toBeVisible();
  await page.getByText(/Signed-in devices/).click();
  await shoot(page, "account");
});
