import { expect, test, type Page } from "@playwright/test";
import { logInAsAdmin, shootConsole as shoot } from "./support/console";

test.use({ locale: "en-US" });

/** Opens the first parcel of the list (an audited full view) and returns its code. */
async function openFirstParcel(page: Page): Promise<string> {
  // Logged in with /admin/parcels as the next page: wait for it rather than navigate over it.
  await expect(page).toHaveURL(/\/admin\/parcels$/, { timeout: 30_000 });
  await page.locator("table a").first().click();
  await expect(page).toHaveURL(/\/admin\/parcels\/[0-7][0-9A-Z]{25}$/);
  return page.url().split("/").at(-1)!;
}

test("the audit log: the admin's own view is there, verify holds, CSV export", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await logInAsAdmin(page, "/admin/parcels");
  const code = await openFirstParcel(page);
  await page.getByRole("navigation", { name: "Console menu" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.locator("tbody tr").first()).toContainText("Admin admin@exqress.local");
  await page.getByRole("button", { name: "Verify log" }).click();
  await expect(page.getByText(/The log is intact: every link holds. Rows checked: \d+\./)).toBeVisible();
  await shoot(page, testInfo, "audit");

  const csv = await page.request.get(`/api/v1/audit/export?parcel=${code}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines.length).toBeGreaterThan(1);
  expect(lines[1]).toContain(`"${code}","admin"`);
});

test("the reports inbox: a finder's report with contact, marked handled with a note", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await logInAsAdmin(page, "/admin/parcels");
  const code = await openFirstParcel(page);
  const contact = `finder-${Date.now()}@example.com`;
  const sent = await page.request.post(`/api/v1/parcels/${code}/reports`, {
    data: { kind: "found", place: "1층 우편함 옆", contact },
  });
  expect(sent.status()).toBe(201);
  const { reference } = (await sent.json()) as { reference: string };

  await page.goto("/admin/reports");
  const card = page.getByRole("listitem", { name: reference });
  await expect(card).toContainText(contact);
  await expect(card).toContainText("New");
  await card.getByLabel("Status").selectOption("handled");
  await card.getByLabel("Note (for your office)").fill("Courier picks it up tomorrow");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByText("Saved.")).toBeVisible();
  await expect(card.locator("span").filter({ hasText: /^Handled$/ })).toBeVisible();
  await shoot(page, testInfo, "reports");
});

test("labels for the selected parcels, and the imports list", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await logInAsAdmin(page, "/admin/parcels");
  const boxes = page.locator('input[name="codes"]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByLabel("Labels").selectOption("4x6");
  await shoot(page, testInfo, "parcels-selection");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/v1/labels") && r.request().method() === "POST"),
    page.getByRole("button", { name: "Print labels of the selected" }).click(),
  ]);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.request().postDataJSON()).toMatchObject({ size: "4x6" });

  // An import through the API (same origin, the admin's session), then its labels from the list.
  const origin = new URL(page.url()).origin;
  const csv = "name,phone,address,reference\n김철수,010-4444-5555,서울특별시 중구 세종대로 110,IMP-1\n";
  const started = await page.request.post("/api/v1/imports?mode=all", {
    data: csv,
    headers: { "content-type": "text/csv", origin },
  });
  expect(started.status()).toBe(202);
  const { id } = (await started.json()) as { id: string };
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/imports/${id}`)).json()) as { status: string }).status, {
      timeout: 60_000,
    })
    .toBe("done");
  await page.goto("/admin/imports");
  await expect(page.getByRole("heading", { name: "Recent imports and their labels" })).toBeVisible();
  const a6 = page.locator(`a[href="/api/v1/imports/${id}/labels.pdf?size=a6&part=1"]`);
  await expect(a6).toHaveText("A6 singles");
  const pdf = await page.request.get((await a6.getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  await shoot(page, testInfo, "imports-labels");
});
