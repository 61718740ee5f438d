/**
 * A recipient deletes their account from /account: the account and its phone link go, the
 * session ends everywhere, the parcel stays with its carrier, the same login no longer works.
 */
import { randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { database } from "./support/courier-day";
import { DEMO_KEY, lastOtp, registerFor } from "./support/recipient-data";

test.use({ locale: "en-US" });
test.describe.configure({ timeout: 120_000 });

const PASSWORD = "a quiet harbour 1937";

test("deleting a recipient's account removes it and its phone link; the carrier keeps the parcel", async ({
  page,
  request,
}, testInfo) => {
  const sql = database();
  const digits = `010${String(randomInt(10_000_000, 99_999_999))}`;
  await page.goto("/signup");
  await page.getByLabel("Phone", { exact: true }).fill(digits);
  await page.getByRole("button", { name: "Send code" }).click();
  // The server's SMS outbox file appears with the first code it sends.
  const otp = () => {
    try {
      return lastOtp(digits);
    } catch {
      return null;
    }
  };
  await expect.poll(otp).not.toBeNull();
  await page.getByLabel("6-digit code").fill(otp()!);
  await page.getByLabel("Password (8+ characters)").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(page).toHaveURL(/\/parcels$/, { timeout: 30_000 });
  const [user] = await sql`select id, phone_hash from users where role = 'recipient' order by created_at desc limit 1`;
  const code = await registerFor(request, DEMO_KEY, digits, "account deletion");
  await expect(page.locator(`a[href="/p/${code}"]`)).toBeVisible({ timeout: 30_000 });

  await page.goto("/account");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.screenshot({ path: testInfo.outputPath("account-delete.png"), fullPage: true });
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/$/, { timeout: 30_000 });

  expect(await sql`select id from users where id = ${user!.id} or phone_hash = ${user!.phone_hash}`).toHaveLength(0);
  expect((await page.request.get("/api/v1/me/parcels")).status()).toBe(401);
  const [parcel] = await sql`select pii_ciphertext is not null as kept from parcels where code = ${code}`;
  expect(parcel).toMatchObject({ kept: true });
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(digits, PASSWORD);
  await expect(login.error).toBeVisible({ timeout: 30_000 });
  await sql.end();
});
