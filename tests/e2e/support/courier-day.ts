import { expect, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";
import postgres from "postgres";
import { CourierPage } from "../pages/courier-page";
import { phoneContext } from "./camera-browser";

export const COURIER = { identifier: "courier@exqress.local", password: "courier1234!" };
const ADMIN = { identifier: "admin@exqress.local", password: "admin1234!" };

/** An API context logged in as the demo carrier's admin (assignments go through the admin's session). */
export async function adminApi(request: APIRequestContext, baseURL: string): Promise<APIRequestContext> {
  const login = await request.post("/api/auth/login", { headers: { origin: baseURL }, data: ADMIN });
  expect(login.status()).toBe(200);
  return request;
}

export async function assignToDemoCourier(admin: APIRequestContext, code: string, proof?: "photo" | "pin" | "both") {
  const response = await admin.post(`/api/v1/parcels/${code}/assignment`, {
    data: { courierEmail: COURIER.identifier, ...(proof ? { proof } : {}) },
  });
  expect(response.status()).toBe(200);
}

/** A phone context in `browser` already signed in as the demo courier (one login, its cookie copied). */
export async function courierContext(browser: Browser, request: APIRequestContext, baseURL: string) {
  const login = await request.post("/api/auth/login", { headers: { origin: baseURL }, data: COURIER });
  expect(login.status()).toBe(200);
  const context: BrowserContext = await phoneContext(browser, baseURL);
  await context.addCookies((await request.storageState()).cookies);
  return context;
}

/** The demo courier's /courier on a phone in `browser`, its service worker ready, showing `code`'s card. */
export async function openCourierDay(browser: Browser, request: APIRequestContext, baseURL: string, code: string) {
  const context = await courierContext(browser, request, baseURL);
  const page = await context.newPage();
  const courier = new CourierPage(page);
  await courier.goto();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect(courier.card(code)).toBeVisible();
  return { context, page, courier };
}

export function database(): postgres.Sql {
  return postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** The cumulative buckets of one route's request-duration histogram from /api/metrics. */
export function histogramBuckets(metrics: string, method: string, route: string, status: string): Map<string, number> {
  const buckets = new Map<string, number>();
  for (const line of metrics.split("\n")) {
    if (!line.startsWith("exqress_http_request_duration_seconds_bucket{")) continue;
    if (!line.includes(`method="${method}"`) || !line.includes(`route="${route}"`)) continue;
    if (!line.includes(`status="${status}"`)) continue;
    const le = /le="([^"]+)"/.exec(line)![1]!;
    buckets.set(le, Number(line.split(" ").pop()));
  }
  return buckets;
}

/** The upper bound (seconds) of the bucket holding the p-th percentile of what was added between two reads. */
export function bucketPercentile(before: Map<string, number>, after: Map<string, number>, p: number): string {
  const entries = [...after.entries()].map(([le, count]) => [le, count - (before.get(le) ?? 0)] as const);
  const total = entries.find(([le]) => le === "+Inf")?.[1] ?? 0;
  return entries.find(([, count]) => count >= (p / 100) * total)?.[0] ?? "n/a";
}
