/**
 * Delivery photos through the built server: it decodes and re-encodes each one, so what the
 * carrier's admin is served carries none of the camera's EXIF; a PIN locked by five wrong tries
 * gives way only to a photo that decodes, and the console's parcel page says the PIN is locked.
 */
import { expect, test } from "@playwright/test";
import type postgres from "postgres";
import sharp from "sharp";
import ko from "@/lib/i18n/messages/ko.json";
import { bombPhoto, cameraPhoto, carriesMetadata } from "../support/photos";
import { LoginPage } from "./pages/login-page";
import { adminApi, assignToDemoCourier, COURIER, database } from "./support/courier-day";
import { DEMO_KEY, DEMO_PHONE, registerFor, setStatus } from "./support/recipient-data";

test.use({ locale: "en-US" });

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = database();
});
test.afterAll(async () => sql?.end());

const jpegFile = (buffer: Buffer) => ({ name: "door.jpg", mimeType: "image/jpeg", buffer });

test("a locked PIN yields only to a photo that decodes, served without EXIF; the console shows the lock", async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const admin = await adminApi(await playwright.request.newContext({ baseURL }), baseURL!);
  const code = await registerFor(admin, DEMO_KEY, DEMO_PHONE, "delivery photo");
  await assignToDemoCourier(admin, code, "pin");
  for (const status of ["picked_up", "in_transit", "out_for_delivery"]) await setStatus(admin, DEMO_KEY, code, status);
  // Five wrong tries, as the integration tests make them one by one.
  await sql`update parcels set pin_failures = 5 where code = ${code}`;

  const courier = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  expect((await courier.post("/api/auth/login", { data: COURIER })).status()).toBe(200);
  const prove = (key: string, photo: Buffer) =>
    courier.post(`/api/v1/parcels/${code}/proof`, {
      headers: { "idempotency-key": `${code}-${key}`, "accept-language": "ko" },
      multipart: { photo: jpegFile(photo) },
    });
  for (const [key, photo, refusal] of [
    ["junk", Buffer.from([0xff, 0xd8, 0xff, 0x00]), "invalid_photo"],
    ["bomb", await bombPhoto(), "photo_too_large"],
  ] as const) {
    const response = await prove(key, photo);
    expect(response.status(), key).toBe(400);
    const { error } = await response.json();
    expect(error, key).toMatchObject({ code: refusal, message: ko.apiErrors[refusal] });
  }
  expect((await sql`select status from parcels where code = ${code}`)[0]?.status).toBe("out_for_delivery");
  const camera = await cameraPhoto({ width: 2400, height: 1800 });
  expect(await carriesMetadata(camera)).toBe(true);
  expect((await prove("camera", camera)).status()).toBe(201);
  await courier.dispose();

  const served = await admin.get(`/api/v1/parcels/${code}/proof/photo`);
  expect(served.status()).toBe(200);
  const bytes = await served.body();
  expect(await carriesMetadata(bytes)).toBe(false);
  expect(await sharp(bytes).metadata()).toMatchObject({ format: "jpeg", width: 1600, height: 1200 });
  await admin.dispose();

  const login = new LoginPage(page);
  await login.goto(`/admin/parcels/${code}`);
  await login.logIn("admin@exqress.local", "admin1234!");
  await expect(page.getByTestId("pin-locked")).toHaveText(/^Locked: five wrong PINs were entered\./);
  await page.screenshot({ path: testInfo.outputPath("admin-pin-locked.png"), fullPage: true });
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "ko", url: baseURL! }]);
  await page.reload();
  await expect(page.getByTestId("pin-locked")).toHaveText(/^잠김: PIN을 다섯 번 틀렸어요\./);
});
