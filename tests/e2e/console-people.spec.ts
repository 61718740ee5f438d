import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

// The couriers, rules, API keys and settings screens, in the style of console.spec.ts.
test.use({ locale: "en-US" });

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const DEMO_API_KEY = "exq_demo_key";

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const file = testInfo.outputPath(`console-${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${name} ${size.width}x${size.height}`, { path: file, contentType: "image/png" });
  }
  await page.setViewportSize(SIZES[0]);
}

async function logIn(page: Page, path: string, identifier: string, password: string) {
  const login = new LoginPage(page);
  await login.goto(path);
  await login.logIn(identifier, password);
}

/** A second browser, for the courier while the admin stays logged in. */
async function courierPage(browser: Browser) {
  const context = await browser.newContext({ locale: "en-US", viewport: SIZES[1] });
  return { page: await context.newPage(), close: () => context.close() };
}

test("couriers: create with a temporary password, first login changes it, sessions, disable", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const email = `courier-${randomBytes(4).toString("hex")}@example.test`;
  await logIn(page, "/admin/couriers", "admin@exqress.local", "admin1234!");
  await expect(page.getByRole("heading", { name: "Couriers" })).toBeVisible();
  await page.getByLabel("Email").fill("not an email");
  await page.getByLabel("Temporary password").fill("short");
  await page.getByRole("button", { name: "Create courier" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Temporary password").fill("handed over 2024");
  await page.getByRole("button", { name: "Create courier" }).click();
  await expect(page.getByText("Courier created.")).toBeVisible();
  const row = page.locator("tr", { hasText: email });
  await expect(row).toContainText("Temporary password");
  await shoot(page, testInfo, "couriers");

  const courier = await courierPage(browser);
  try {
    await logIn(courier.page, "/courier", email, "handed over 2024");
    await expect(courier.page).toHaveURL(/\/account\/password$/);
    // Nothing else is open to this session: pages send it back, the API refuses it.
    await courier.page.goto("/courier");
    await expect(courier.page).toHaveURL(/\/account\/password$/);
    expect((await courier.page.request.get("/api/v1/courier/parcels")).status()).toBe(401);
    await courier.page.getByLabel("Temporary password").fill("handed over 2024");
    await courier.page.getByLabel("New password").fill("my own courier passphrase");
    await courier.page.getByRole("button", { name: "Change password and continue" }).click();
    await expect(courier.page).toHaveURL(/\/courier$/);

    await page.reload();
    await row.getByRole("link", { name: "1 device" }).click();
    await expect(page.getByRole("heading", { name: `Signed-in devices of ${email}` })).toBeVisible();
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await shoot(page, testInfo, "courier-sessions");

    await page.goto("/admin/couriers");
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row).toContainText("Disabled");
    // The courier's next request is refused: the session is gone.
    await courier.page.reload();
    await expect(courier.page).toHaveURL(/\/login/);
  } finally {
    await courier.close();
  }
});

test("postal-code rules assign a new parcel; assignment by selection", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await logIn(page, "/admin/rules", "admin@exqress.local", "admin1234!");
  await expect(page.getByRole("heading", { name: "Postal-code rules" })).toBeVisible();
  await page.getByLabel("Postal-code prefix").fill("1a");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter the first 1 to 5 digits of a postal code.")).toBeVisible();
  await page.getByLabel("Postal-code prefix").fill("11657");
  await page.getByLabel("Courier").selectOption({ label: "courier@exqress.local" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("tbody")).toContainText("11657");
  await shoot(page, testInfo, "rules");

  const reference = `RULE-${randomBytes(4).toString("hex")}`;
  const registered = await page.request.post("/api/v1/parcels", {
    headers: { authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      recipient: { name: "홍길동", phone: "010-1234-5678", address: "경기도 의정부시 오목로 150", postalCode: "11657" },
      reference,
    },
  });
  expect(registered.status()).toBe(201);
  // The rule goes, so the other specs' parcels are not assigned by it.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.locator("tr", { hasText: "11657" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("No rules yet.")).toBeVisible();

  await page.goto(`/admin/parcels?q=${reference}`);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator("tbody")).toContainText("courier@exqress.local");
  // By selection: back to nobody.
  await page.locator("tbody input[type=checkbox]").check();
  await page.getByLabel("Courier for the selected parcels").selectOption({ label: "Unassign" });
  await page.getByRole("button", { name: "Assign selected parcels" }).click();
  await expect(page.getByText("Assigned 1.")).toBeVisible();
  await expect(page.locator("tbody")).toContainText("Unassigned");
  await shoot(page, testInfo, "parcels-selection");
});

test("API keys: shown once, work, revoked; settings: retention within range", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await logIn(page, "/admin/api-keys", "admin@exqress.local", "admin1234!");
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(page.getByText("within 30 seconds")).toBeVisible();
  const name = `e2e ${randomBytes(3).toString("hex")}`;
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent()) ?? "";
  expect(key).toMatch(/^exq_[A-Za-z0-9_-]{32}$/);
  const lookup = await page.request.get("/api/v1/reports", { headers: { authorization: `Bearer ${key}` } });
  expect(lookup.status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(key);
  await shoot(page, testInfo, "api-keys");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.locator("tr", { hasText: name }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.locator("tr", { hasText: name })).toContainText("Revoked");

  await page.goto("/admin/settings");
  await expect(page.getByRole("heading", { name: "Settings of EXQ Express" })).toBeVisible();
  await page.getByLabel("Personal-data retention (days)").fill("400");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a whole number of days from 1 to 30.")).toBeVisible();
  await page.getByLabel("Personal-data retention (days)").fill("");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await shoot(page, testInfo, "settings");
});

test("the new screens read fully in Korean", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: "ko-KR", viewport: SIZES[0] });
  const page = await context.newPage();
  try {
    // The Korean form, found by its fields (as i18n-pages.spec.ts does).
    await page.goto("/login?next=/admin/couriers");
    await page.locator("input[name=identifier]").fill("admin@exqress.local");
    await page.locator("input[type=password]").fill("admin1234!");
    await page.locator("button[type=submit].primary").click();
    await expect(page).toHaveURL(/\/admin\/couriers$/);
    await page.waitForLoadState("networkidle");
    for (const path of ["/admin/couriers", "/admin/rules", "/admin/api-keys", "/admin/settings"]) {
      await page.goto(path);
      const text = (await page.locator("body").innerText()).replace(/EXQ Express|EXQRESS/g, "");
      expect(text, `${path}: no message key in place of a sentence`).not.toMatch(/\b(?:consolePeople|console)\.\w/);
      expect(text, `${path}: no English sentence`).not.toMatch(/\b[A-Za-z]{2,}(?:[ ,']+[A-Za-z]{2,}){2,}/);
      await shoot(page, testInfo, `ko-${path.split("/").at(-1)}`);
    }
  } finally {
    await context.close();
  }
});
