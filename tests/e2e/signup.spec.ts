import { randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { lastOtp } from "./support/recipient-data";

/** Sign-up end to end: phone, the one-time code from the local outbox, password; in both languages. */
const CASES = [
  {
    locale: "ko-KR",
    phone: "전화번호",
    send: "인증번호 받기",
    code: "인증번호 6자리",
    password: "비밀번호 (8자 이상)",
    submit: "가입하기",
    wrong: "인증번호가 맞지 않아요.",
  },
  {
    locale: "en-US",
    phone: "Phone",
    send: "Send code",
    code: "6-digit code",
    password: "Password (8+ characters)",
    submit: "Sign up",
    wrong: "The code is wrong.",
  },
] as const;

for (const labels of CASES) {
  test.describe(labels.locale, () => {
    test.use({ locale: labels.locale });

    test(`signs up with a verified phone and lands on the parcel list (${labels.locale})`, async ({ page }) => {
      const digits = `010${String(randomInt(10_000_000, 99_999_999))}`;
      await page.goto("/signup");
      await page.getByLabel(labels.phone, { exact: true }).fill(digits);
      await page.getByRole("button", { name: labels.send }).click();
      await expect(page.getByRole("status")).not.toBeEmpty();
      await expect.poll(() => lastOtp(digits)).not.toBeNull();
      const code = lastOtp(digits)!;
      // A wrong code is refused in the page's language.
      await page.getByLabel(labels.code).fill(code === "000000" ? "111111" : "000000");
      await page.getByLabel(labels.password).fill("a quiet harbour 1937");
      await page.getByRole("button", { name: labels.submit, exact: true }).click();
      await expect(page.getByText(labels.wrong)).toBeVisible();
      await page.getByLabel(labels.code).fill(code);
      await page.getByRole("button", { name: labels.submit, exact: true }).click();
      await expect(page).toHaveURL(/\/parcels$/);
    });
  });
}
