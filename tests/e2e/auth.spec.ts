import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import Redis from "ioredis";
import { startPrivateRedis } from "@/scripts/services/private-redis";
import { LoginPage } from "./pages/login-page";
import { startExtraServer } from "./support/extra-server";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ACCOUNTS = [
  { role: "admin", login: "admin@exqress.local", password: "admin1234!", home: "/admin" },
  { role: "courier", login: "courier@exqress.local", password: "courier1234!", home: "/courier" },
  { role: "recipient", login: "010-0000-0001", password: "recipient1234!", home: "/parcels" },
] as const;

test.use({ locale: "en-US" });

async function sessionCookie(page: Page) {
  return (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
}

async function apiLogin(request: APIRequestContext, baseURL: string, login: string, password: string) {
  return request.post(`${baseURL}/api/auth/login`, {
    headers: { origin: baseURL },
    data: { identifier: login, password },
  });
}

for (const account of ACCOUNTS) {
  test(`${account.role} logs in and out in the browser`, async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.logIn(account.login, account.password);
    await expect(page).toHaveURL(new RegExp(`${account.home}$`));
    const cookie = await sessionCookie(page);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    // Every role logs out from its account page (the courier's own screen has the button too).
    await page.goto("/account");
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/login\?loggedOut=1$/);
    expect(await sessionCookie(page)).toBeUndefined();
    await page.goto(account.home);
    await expect(page).toHaveURL(/\/login\?next=/);
  });
}

test("a wrong password and an unknown account get the same answer", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn("admin@exqress.local", "wrong-password");
  await expect(login.error).toHaveText("Wrong phone/email or password.");
  await login.logIn("nobody@exqress.local", "wrong-password");
  await expect(login.error).toHaveText("Wrong phone/email or password.");
});

test("login works without JavaScript and returns to the page asked for", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/courier");
  await expect(page).toHaveURL(/\/login\?next=%2Fcourier/);
  await new LoginPage(page).logIn("courier@exqress.local", "courier1234!");
  await expect(page).toHaveURL(/\/courier$/);
  await context.close();
});

test("deleting the session in Redis logs the user out at once (fail closed)", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn("courier@exqress.local", "courier1234!");
  await expect(page).toHaveURL(/\/courier$/);
  // A plain client: lib/redis/client.ts is server-only (it reads the app's configuration).
  const redis = new Redis(process.env.REDIS_URL!);
  const keys = await redis.keys(`${process.env.REDIS_KEY_PREFIX ?? "exq:"}session:*`);
  expect(keys.length).toBeGreaterThan(0);
  await redis.del(...keys);
  redis.disconnect();
  await page.reload();
  await expect(page).toHaveURL(/\/login\?next=%2Fcourier/);
});

test("a revoke on one server logs the user out on another at once", async ({ playwright, baseURL }) => {
  const other = await startExtraServer();
  try {
    const onA = await playwright.request.newContext({ baseURL });
    expect((await apiLogin(onA, baseURL!, "admin@exqress.local", "admin1234!")).status()).toBe(200);
    expect((await onA.get("/admin", { maxRedirects: 0 })).status()).toBe(200);
    // The same cookie, presented to server B, logs out there.
    const cookies = (await onA.storageState()).cookies;
    const onB = await playwright.request.newContext({ baseURL: other.url, storageState: { cookies, origins: [] } });
    expect((await onB.post("/api/auth/logout", { headers: { origin: other.url }, maxRedirects: 0 })).status()).toBe(
      303,
    );
    const after = await onA.get("/admin", { maxRedirects: 0 });
    expect(after.status()).toBe(307);
    expect(after.headers().location).toMatch(/^\/login/);
    // next-auth's own endpoint agrees: no session, and the dead cookie is cleared.
    const session = await onA.get("/api/auth/session");
    expect(await session.json()).toEqual({});
    expect(session.headers()["set-cookie"]).toMatch(/next-auth\.session-token=;/);
    await Promise.all([onA.dispose(), onB.dispose()]);
  } finally {
    await other.stop();
  }
});

test("with Redis down, login answers 503 and recovers without a restart", async ({ playwright }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exq-e2e-redis-"));
  let redis = await startPrivateRedis({ dataDir: dir, persistent: false });
  const server = await startExtraServer({ REDIS_URL: redis.url });
  const api = await playwright.request.newContext({ baseURL: server.url });
  try {
    expect((await apiLogin(api, server.url, "courier@exqress.local", "courier1234!")).status()).toBe(200);
    await redis.stop();
    const down = await apiLogin(api, server.url, "courier@exqress.local", "courier1234!");
    expect(down.status()).toBe(503);
    expect((await down.json()).error.message).toMatch(/unavailable/);
    expect((await api.get("/api/ready")).status()).toBe(503);
    redis = await startPrivateRedis({ dataDir: dir, port: redis.port, persistent: false });
    await expect
      .poll(async () => (await apiLogin(api, server.url, "courier@exqress.local", "courier1234!")).status(), {
        timeout: 15_000,
      })
      .toBe(200);
  } finally {
    await api.dispose();
    await server.stop();
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an idle session expires after its role's idle limit, on the server's clock and Redis's TTL", async ({
  playwright,
}) => {
  test.setTimeout(120_000);
  // Admins (and recipients) idle out after SESSION_IDLE_MINUTES; couriers after COURIER_IDLE_MINUTES.
  const server = await startExtraServer({ SESSION_IDLE_MINUTES: "1", COURIER_IDLE_MINUTES: "3" });
  const admin = await playwright.request.newContext({ baseURL: server.url });
  const courier = await playwright.request.newContext({ baseURL: server.url });
  try {
    expect((await apiLogin(admin, server.url, "admin@exqress.local", "admin1234!")).status()).toBe(200);
    expect((await apiLogin(courier, server.url, "courier@exqress.local", "courier1234!")).status()).toBe(200);
    expect((await admin.get("/admin", { maxRedirects: 0 })).status()).toBe(200);
    expect((await courier.get("/courier", { maxRedirects: 0 })).status()).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 62_000));
    const idle = await admin.get("/admin", { maxRedirects: 0 });
    expect(idle.status()).toBe(307);
    expect(idle.headers().location).toMatch(/^\/login/);
    expect((await courier.get("/courier", { maxRedirects: 0 })).status()).toBe(200);
  } finally {
    await admin.dispose();
    await courier.dispose();
    await server.stop();
  }
});
