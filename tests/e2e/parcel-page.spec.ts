import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { startExtraServer } from "./support/extra-server";

const DEMO_KEY = "exq_demo_key";
const RECIPIENT = {
  name: "김수민",
  phone: "010-0000-0001",
  address: "경기도 의정부시 오목로 150",
  addressDetail: "211동 1203호",
};

test.use({ locale: "en-US" });

/** A parcel registered through the carrier API for the demo recipient. */
async function registerParcel(request: import("@playwright/test").APIRequestContext): Promise<string> {
  const response = await request.post("/api/v1/parcels", {
    headers: { authorization: `Bearer ${DEMO_KEY}` },
    data: { recipient: { ...RECIPIENT, memo: "경비실에 맡겨 주세요" }, itemName: "Books" },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).code;
}

/** How many times this server has rendered a stranger's page (rather than served it kept). */
async function strangerPageRenders(request: import("@playwright/test").APIRequestContext): Promise<number> {
  const scrape = await (await request.get("/api/metrics")).text();
  return Number(/^exqress_stranger_page_renders_total (\d+)/m.exec(scrape)?.[1] ?? 0);
}

test("a stranger sees the masked view, never the plaintext", async ({ page, request }, testInfo) => {
  const code = await registerParcel(request);
  const response = await page.goto(`/p/${code}`);
  expect(response?.headers()["cache-control"]).toContain("no-store");
  expect(response?.headers()["referrer-policy"]).toBe("same-origin");
  await expect(page.locator('[data-field="name"]')).toHaveText("김*민");
  await expect(page.locator('[data-field="phone"]')).toHaveText("010-0000-****");
  await expect(page.locator('[data-field="address"]')).toHaveText("경기도 의정부시 오목로 ***");
  const html = await page.content();
  for (const secret of ["김수민", "0000-0001", "211동", "경비실"]) expect(html).not.toContain(secret);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  const shot = testInfo.outputPath("parcel-masked-390x844.png");
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach("masked parcel page", { path: shot, contentType: "image/png" });
});

test("the owning recipient sees everything, and it is theirs alone", async ({ page, request }, testInfo) => {
  const code = await registerParcel(request);
  const login = new LoginPage(page);
  await login.goto(`/p/${code}`);
  await login.logIn("010-0000-0001", "recipient1234!");
  await expect(page).toHaveURL(new RegExp(`/p/${code}$`));
  await expect(page.locator('[data-field="name"]')).toHaveText(RECIPIENT.name);
  await expect(page.locator('[data-field="addressDetail"]')).toHaveText(RECIPIENT.addressDetail);
  await expect(page.getByText("Only you can see this")).toBeVisible();
  const shot = testInfo.outputPath("parcel-full-390x844.png");
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach("full parcel page", { path: shot, contentType: "image/png" });
});

test("a stranger's page never reaches the owner, and shows a change at once", async ({ page, request, browser }) => {
  const code = await registerParcel(request);
  // Twice as a stranger (a repeat scan), then a change, then the owner on the same URL.
  const rendersBefore = await strangerPageRenders(request);
  for (let i = 0; i < 2; i++) {
    const stranger = await request.get(`/p/${code}`, { headers: { "accept-language": "en" } });
    expect(stranger.headers()["cache-control"]).toContain("no-store");
    expect(stranger.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(await stranger.text()).toContain("010-0000-****");
  }
  // The repeat scan is a read of Next.js's cache (lib/parcels/stranger-page.ts), not a render.
  expect(await strangerPageRenders(request)).toBe(rendersBefore + 1);
  const event = await request.post(`/api/v1/parcels/${code}/events`, {
    headers: { authorization: `Bearer ${DEMO_KEY}`, "idempotency-key": `pickup-${code}` },
    data: { status: "picked_up" },
  });
  expect(event.status()).toBe(201);
  const strangerPage = await (await browser.newContext({ locale: "en-US" })).newPage();
  await strangerPage.goto(`/p/${code}`);
  await expect(strangerPage.locator(".status-badge")).toHaveAttribute("data-status", "picked_up");
  await expect(strangerPage.locator('[data-field="name"]')).toHaveText("김*민");

  const login = new LoginPage(page);
  await login.goto(`/p/${code}`);
  await login.logIn("010-0000-0001", "recipient1234!");
  await expect(page).toHaveURL(new RegExp(`/p/${code}$`));
  await expect(page.locator('[data-field="name"]')).toHaveText(RECIPIENT.name);
  // A signed-in viewer's page is rendered for them, never taken from the strangers' cache.
  const own = await page.request.get(`/p/${code}`);
  expect(own.headers()["cache-control"]).toContain("no-store");
  expect(await own.text()).toContain(RECIPIENT.addressDetail);
});

test("the strangers' cached pages cannot be asked for by URL", async ({ request }) => {
  const code = await registerParcel(request);
  const scan = await request.get(`/p/${code}`);
  expect(scan.status()).toBe(200);
  for (const path of [`/stranger-view/en/${code}/x`, "/stranger-view/ko/unknown-code", `/stranger-view/de/${code}/x`]) {
    const direct = await request.get(path);
    expect(direct.status()).toBe(404);
    expect(await direct.text()).not.toContain("010-0000-****");
  }
});

test("a stranger's answers tell nothing but the view: no internal path, no cache state", async ({ request }) => {
  const code = await registerParcel(request);
  // The first scan renders the page, the second is served from the cache; then a client navigation.
  const scans = [
    await request.get(`/p/${code}`),
    await request.get(`/p/${code}`),
    await request.get(`/p/${code}`, { headers: { rsc: "1" } }),
  ];
  for (const scan of scans) {
    expect(scan.status()).toBe(200);
    expect(await scan.text()).toContain("010-0000-****");
    const headers = scan.headers();
    const told = Object.keys(headers).filter(
      (name) => /^x-(middleware|nextjs)-|^x-matched-path$/.test(name) || headers[name]!.includes("stranger-view"),
    );
    expect(told).toEqual([]);
  }
});

test("the language switch works on a stranger's kept page, with and without JavaScript", async ({
  browser,
  request,
}) => {
  const code = await registerParcel(request);
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ locale: "en-US", javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`/p/${code}`);
    await expect(page.locator(".status-badge")).toHaveText("Registered");
    await page.getByRole("button", { name: /한국어/ }).click();
    await expect(page.locator(".status-badge")).toHaveText("접수");
    await expect(page.locator('[data-field="name"]')).toHaveText("김*민");
    await context.close();
  }
});

test("a stranger whose lookups are throttled gets 429 with Retry-After and a page in their language", async () => {
  // Its own Redis prefix and a small budget, so this caller's empty bucket is no other test's.
  const limited = await startExtraServer({
    REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX ?? "exq:"}throttle-${Date.now()}:`,
    RESOLVE_LIMIT_PER_HOUR: "30",
  });
  try {
    // A miss costs a thirtieth of the bucket: thirty unknown codes empty it.
    for (let i = 0; i < 30; i++) {
      const guess = await fetch(`${limited.url}/p/7ZZZZZZZZZZZZZZZZZZZZZZZ${String(i).padStart(2, "0")}`);
      expect(guess.status).toBe(404);
    }
    for (const [language, text] of [
      ["en", "Too many requests"],
      ["ko", "요청이 너무 많"],
    ] as const) {
      const refused = await fetch(`${limited.url}/p/7ZZZZZZZZZZZZZZZZZZZZZZZZZ`, {
        headers: { "accept-language": language },
      });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.headers.get("cache-control")).toContain("no-store");
      expect(await refused.text()).toContain(text);
    }
    // A session cookie, even a made-up one, changes nothing: the page would look the code up.
    const forged = await fetch(`${limited.url}/p/7ZZZZZZZZZZZZZZZZZZZZZZZZZ`, {
      headers: { "accept-language": "en", cookie: "next-auth.session-token=made-up" },
    });
    expect(forged.status).toBe(429);
    expect(Number(forged.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await forged.text()).toContain("Too many requests");
    // A real session draws from its account's own bucket; once that is spent, the same answer.
    const login = await fetch(`${limited.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: limited.url },
      body: JSON.stringify({ identifier: "010-0000-0001", password: "recipient1234!" }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    const signedIn = (guess: string) =>
      fetch(`${limited.url}/p/${guess}`, { headers: { "accept-language": "ko", cookie } });
    let answer = await signedIn("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
    let misses = 0;
    for (; misses < 60 && answer.status === 404; misses++) answer = await signedIn(`7YYYYYYYYYYYYYYYYYYYYYYY${misses}`);
    expect(answer.status).toBe(429);
    // Thirty misses, as for a stranger: the proxy's charge and the page's are one charge, not two.
    expect(misses).toBeGreaterThanOrEqual(29);
    expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await answer.text()).toContain("요청이 너무 많");
  } finally {
    await limited.stop();
  }
});

test("an unknown code gets the not-found page", async ({ page }) => {
  const response = await page.goto("/p/7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Parcel not found" })).toBeVisible();
});

test("following a link away from a parcel page sends no Referer to the other site", async ({ page, request }) => {
  const code = await registerParcel(request);
  await page.goto(`/p/${code}`);
  let referer: string | undefined = "unset";
  await page.route("https://elsewhere.example/**", async (route) => {
    referer = route.request().headers()["referer"];
    await route.fulfill({ body: "ok" });
  });
  await page.evaluate(() => {
    const link = document.createElement("a");
    link.href = "https://elsewhere.example/landing";
    document.body.append(link);
    link.click();
  });
  await page.waitForURL("https://elsewhere.example/landing");
  expect(referer).toBeUndefined();
});
