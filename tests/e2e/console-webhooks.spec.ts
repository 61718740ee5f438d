import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { logInAsAdmin, shootConsole } from "./support/console";

// The webhooks screen and key scopes.
test.use({ locale: "en-US" });

test("webhooks: a loopback address is refused, a public one added with its secret shown once, listed, deleted", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await logInAsAdmin(page, "/admin/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
  await page.getByLabel("Address").fill("https://127.0.0.1/hook");
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByText("Enter a public https address")).toBeVisible();

  // A public address given as such (no DNS needed); nothing is sent to it unless a status changes.
  const url = `https://93.184.216.34/${randomBytes(3).toString("hex")}`;
  await page.getByLabel("Address").fill(url);
  await page.getByRole("button", { name: "Add webhook" }).click();
  const secret = (await page.getByTestId("new-webhook-secret").textContent()) ?? "";
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  const row = page.locator("tr", { hasText: url });
  await expect(row).toContainText("parcel.status_changed");
  await expect(row).toContainText("Active");
  await shootConsole(page, testInfo, "webhooks");
  await page.reload();
  await expect(page.locator("body")).not.toContainText(secret);

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(page.locator("tr", { hasText: url })).toHaveCount(0);
});

test("API keys: a key made without reports:read cannot read reports; its scopes are listed", async ({ page }) => {
  test.setTimeout(120_000);
  await logInAsAdmin(page, "/admin/api-keys");
  const name = `scoped ${randomBytes(3).toString("hex")}`;
  await page.getByLabel("Key name").fill(name);
  await page.getByLabel("Read reports").uncheck();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent()) ?? "";
  const headers = { authorization: `Bearer ${key}` };
  const reports = await page.request.get("/api/v1/reports", { headers });
  expect(reports.status()).toBe(403);
  expect((await reports.json()).error).toMatchObject({ code: "insufficient_scope", scope: "reports:read" });
  expect((await page.request.get("/api/v1/webhooks", { headers })).status()).toBe(200);
  const listed = page.locator("tr", { hasText: name });
  const scopes = listed.locator("td").nth(2).locator("div");
  await expect(scopes).toHaveText(["parcels:write", "parcels:read", "labels", "webhooks"]);
  page.once("dialog", (dialog) => void dialog.accept());
  await listed.getByRole("button", { name: "Revoke" }).click();
  await expect(listed).toContainText("Revoked");
});

test("the webhooks screen reads in Korean", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ locale: "ko-KR", viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto("/login?next=/admin/webhooks");
    await page.locator("input[name=identifier]").fill("admin@exqress.local");
    await page.locator("input[type=password]").fill("admin1234!");
    await page.locator("button[type=submit].primary").click();
    await expect(page).toHaveURL(/\/admin\/webhooks$/);
    await expect(page.getByRole("heading", { name: "웹훅" })).toBeVisible();
    await expect(page.getByRole("link", { name: "웹훅" })).toBeVisible();
    await expect(page.getByRole("button", { name: "웹훅 추가" })).toBeVisible();
    await shootConsole(page, testInfo, "webhooks-ko");
  } finally {
    await context.close();
  }
});
