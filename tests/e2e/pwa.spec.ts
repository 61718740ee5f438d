/**
 * The installable app: manifest, icons, security headers, the service worker (installability,
 * control, offline page) and what it must never keep: any response from the private areas.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, expect, test, type BrowserContext } from "@playwright/test";
import { isPrivatePath } from "@/lib/scan/private-paths";

async function pngSize(body: Buffer): Promise<[number, number]> {
  expect(body.subarray(1, 4).toString()).toBe("PNG");
  return [body.readUInt32BE(16), body.readUInt32BE(20)];
}

test("the manifest names the app and points at real icons", async ({ request }) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  const manifest = await response.json();
  expect(manifest).toMatchObject({
    short_name: "EXQRESS",
    start_url: "/",
    scope: "/",
    display: "standalone",
    lang: "ko",
  });
  expect(manifest.theme_color).toBe("#0b3d2e");
  const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
  expect(icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual([
    "192x192 any",
    "512x512 any",
    "512x512 maskable",
  ]);
  for (const icon of icons) {
    const file = await request.get(icon.src);
    expect(file.headers()["content-type"]).toBe("image/png");
    expect((await pngSize(await file.body())).join("x")).toBe(icon.sizes);
  }
});

test("every page carries the security headers", async ({ request }) => {
  for (const url of ["/", "/scan"]) {
    const headers = (await request.get(url)).headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    // No eval of JavaScript; 'wasm-unsafe-eval' only lets WebAssembly (the scanner's decoder) compile.
    expect(csp).not.toContain("'unsafe-eval'");
    expect(headers["permissions-policy"]).toContain("camera=(self)");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    // same-origin rather than no-referrer: see next.config.js (server actions' origin check).
    expect(headers["referrer-policy"]).toBe("same-origin");
  }
});

const scriptSources = (csp: string) => csp.split(";").find((part) => part.trim().startsWith("script-src")) ?? "";

test("a page rendered for the request runs only the inline scripts that carry its fresh nonce", async ({ request }) => {
  const nonces = new Set<string>();
  for (const url of ["/", "/scan", "/login", "/"]) {
    const response = await request.get(url);
    const scripts = scriptSources(response.headers()["content-security-policy"] ?? "");
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    const nonce = /'nonce-([^']+)'/.exec(scripts)?.[1] ?? "";
    expect(nonce).not.toBe("");
    nonces.add(nonce);
    const tags = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(4);
});

test("the pages run under that policy without a single violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`Refused to load ${event.blockedURI} (${event.violatedDirective})`),
    ),
  );
  for (const url of ["/", "/scan", "/login", "/~offline"]) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
  }
  expect(violations).toEqual([]);
  const worker = await page.request.get("/sw.js");
  expect(worker.headers()["content-type"]).toContain("javascript");
  expect(worker.headers()["cache-control"]).toContain("no-cache");
});

test.describe("installed as an app", () => {
  let context: BrowserContext;
  let userDataDir: string;

  test.beforeEach(async ({ baseURL }) => {
    // Installability is never reported in an incognito context: a real profile is needed.
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exq-pwa-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
      baseURL,
      viewport: { width: 390, height: 844 },
      locale: "en-US",
    });
  });

  test.afterEach(async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  async function controlledPage() {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto("/");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);
    return page;
  }

  test("is installable, the worker controls the page, and offline navigations get the offline page", async () => {
    const page = await controlledPage();
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);

    await context.setOffline(true);
    await page.goto("/scan");
    await expect(page.getByTestId("offline-page")).toBeVisible();
    await expect(page).toHaveURL(/\/scan$/);
    await context.setOffline(false);
    await page.getByRole("button", { name: /Try again|다시 시도/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Scan a QR code");
  });

  test("its caches hold no response from /p/, /api/, /parcels, /courier or /admin", async ({ baseURL }) => {
    const page = await controlledPage();
    const registered = await context.request.post("/api/v1/parcels", {
      headers: { authorization: "Bearer exq_demo_key" },
      data: { recipient: { name: "김수민", phone: "010-0000-0001", address: "경기도 의정부시 오목로 150" } },
    });
    const { code } = await registered.json();
    const visits: Record<string, string[]> = {
      "010-0000-0001:recipient1234!": ["/parcels", `/p/${code}`, `/api/v1/parcels/${code}`],
      "courier@exqress.local:courier1234!": ["/courier", `/p/${code}`],
      "admin@exqress.local:admin1234!": ["/admin", `/p/${code}`],
    };
    for (const [account, paths] of Object.entries(visits)) {
      const [identifier, password] = account.split(":");
      const login = await context.request.post("/api/auth/login", {
        headers: { origin: baseURL! },
        data: { identifier, password },
      });
      expect(login.status()).toBe(200);
      for (const visit of paths) {
        const response = await page.goto(visit);
        expect(response?.status(), visit).toBe(200);
        // The worker has no route for these: the browser fetched them itself.
        expect(response?.fromServiceWorker(), visit).toBe(false);
      }
      await page.goto("/");
    }
    await expect(page.locator("body")).toBeVisible();
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(cached.length, "the precache is there").toBeGreaterThan(0);
    expect(cached).toContain("/~offline");
    expect(cached.filter((pathname) => isPrivatePath(pathname))).toEqual([]);
  });
});
