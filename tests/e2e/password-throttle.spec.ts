/**
 * The account page asks for the current password again. A signed-in session gets no more
 * guesses at it than the login page: after ten wrong ones the form says, in Korean, that there
 * were too many attempts.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { database } from "./support/courier-day";

test.use({ locale: "ko-KR" });

test("ten wrong current passwords, then 'too many attempts' in the reader's language", async ({ page, baseURL }) => {
  const sql = database();
  const email = `password-throttle-${randomBytes(4).toString("hex")}@e2e.test`;
  // A courier of its own, with the demo courier's password: the demo accounts stay unthrottled.
  await sql`insert into users (role, carrier_id, email, password_hash)
    select 'courier', carrier_id, ${email}, password_hash from users where email = 'courier@exqress.local'`;
  await sql.end();
  const login = await page.request.post("/api/auth/login", {
    headers: { origin: baseURL! },
    data: { identifier: email, password: "courier1234!" },
  });
  expect(login.status()).toBe(200);

  await page.goto("/account");
  const status = page
    .locator("form")
    .filter({ has: page.getByLabel("지금 비밀번호") })
    .getByRole("status");
  const tryPassword = async (current: string) => {
    await page.getByLabel("지금 비밀번호").fill(current);
    await page.getByLabel("새 비밀번호").fill("a brand new pass phrase 77");
    const answered = page.waitForResponse((response) => response.request().method() === "POST");
    await page.getByRole("button", { name: "비밀번호 바꾸기" }).click();
    await answered;
  };
  for (let i = 0; i < 10; i++) {
    await tryPassword(`wrong-${i}`);
    await expect(status).toHaveText("지금 비밀번호가 맞지 않아요.");
  }
  await tryPassword("courier1234!");
  await expect(status).toHaveText("시도가 너무 많아요. 잠시 기다린 뒤 다시 시도해 주세요.");
});
