import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";

test.use({ locale: "en-US" });

test("an admin registers a parcel with the form and prints its label", async ({ page }, testInfo) => {
  const login = new LoginPage(page);
  await login.goto("/admin");
  await login.logIn("admin@exqress.local", "admin1234!");
  await expect(page).toHaveURL(/\/admin$/);

  await page.getByLabel("Recipient phone").fill("not a phone");
  await page.getByLabel("Recipient name").fill("이영희");
  await page.getByLabel("Address", { exact: true }).fill("서울특별시 강남구 테헤란로 152");
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByText("must be a Korean phone number")).toBeVisible();
  // Nothing typed is lost to a bad field.
  await expect(page.getByLabel("Recipient name")).toHaveValue("이영희");

  await page.getByLabel("Recipient phone").fill("010-2222-3333");
  await page.getByLabel("Item", { exact: true }).fill("노트북");
  await page.getByLabel("Print the item name on the label").check();
  await page.getByRole("button", { name: "Register" }).click();
  const status = page.getByRole("status");
  await expect(status).toContainText(/Registered: [0-7][0-9A-Z]{25}/);
  const code = (await status.textContent())!.match(/[0-7][0-9A-Z]{25}/)![0];

  const label = await page.request.get(`/api/v1/parcels/${code}/label.pdf?size=4x6`);
  expect(label.status()).toBe(200);
  expect(label.headers()["content-type"]).toBe("application/pdf");
  expect((await label.body()).subarray(0, 5).toString()).toBe("%PDF-");

  const shot = testInfo.outputPath("admin-390x844.png");
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach("admin page", { path: shot, contentType: "image/png" });
});
