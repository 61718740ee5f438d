import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

test.use({ locale: "en-US" });

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const file = testInfo.outputPath(`console-${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${name} ${size.width}x${size.height}`, { path: file, contentType: "image/png" });
  }
}

// References unique to this run, so a retry (or a reused database) finds only its own rows.
const RUN = Date.now().toString(36).toUpperCase();
const CSV =
  [
    "이름,전화번호,주소,상세주소,우편번호,참조",
    `(주)11번가,010-3333-4444,서울특별시 중구 세종대로 110,별관 3층,04524,ORD-${RUN}-1`,
    `홍길동 (경비실),010-3333-5555,경기도 의정부시 오목로 150,211동 1203호,11657,ORD-${RUN}-2`,
    `김철수,,서울특별시 강남구 테헤란로 1,,,ORD-${RUN}-3`,
  ].join("\n") + "\n";

async function logInAsAdmin(page: Page, path: string) {
  const login = new LoginPage(page);
  await login.goto(path);
  await login.logIn("admin@exqress.local", "admin1234!");
}

test("the console (in English, as the test browser asks): parcels and one parcel (audited)", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await logInAsAdmin(page, "/admin/parcels");
  await expect(page).toHaveURL(/\/admin\/parcels$/);
  await expect(page.getByRole("heading", { name: "Parcels" })).toBeVisible();
  // Masked columns only.
  await expect(page.locator("table")).not.toContainText("홍길동");
  await shoot(page, testInfo, "parcels");

  await page.locator("table a").first().click();
  await expect(page).toHaveURL(/\/admin\/parcels\/[0-7][0-9A-Z]{25}$/);
  await expect(page.getByText("recorded in the audit log")).toBeVisible();
  await shoot(page, testInfo, "parcel");
});

test("the console's CSV import: preview, progress and the imported rows", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await logInAsAdmin(page, "/admin/imports");
  await page.locator('input[type="file"]').setInputFiles({
    name: "orders.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(CSV),
  });
  await expect(page.getByText("1 rows with errors in the preview")).toBeVisible();
  await page.getByLabel("Only the valid rows").check();
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByText("Done: 2 registered, 1 errors")).toBeVisible({ timeout: 60_000 });
  await expect(page.locator("progress")).toHaveAttribute("value", "3");
  await shoot(page, testInfo, "imports");

  await page.goto(`/admin/parcels?q=ORD-${RUN}-1`);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator("tbody")).toContainText("(주)1***");
});
