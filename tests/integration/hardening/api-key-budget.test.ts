import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { API_KEY_CACHE_MS } from "@/lib/api-keys/authenticate";
import { env } from "@/lib/config/env";
import { requireCaller } from "@/lib/http/caller";
import { createApiKey, createCarrier, randomIp } from "../../support/fixtures";

/**
 * The API-key guessing budget is per client address, so a carrier's integration shares it with
 * whoever else sends from that address. Only keys that turn out bogus may spend it: an integration
 * whose key is refreshed every API_KEY_CACHE_MS must not help a guesser run it dry. These tests run
 * with the default limit (API_KEY_LOOKUP_LIMIT 20, refilled at 120 an hour).
 */
const call = async (key: string, ip: string): Promise<number> => {
  const request = new Request(`${env().PUBLIC_URL}/api/v1/parcels/ABC`, {
    headers: { authorization: `Bearer ${key}`, "x-forwarded-for": ip },
  });
  const check = await requireCaller(request, ["admin"]);
  return check.ok ? 200 : check.response.status;
};
const bogusKey = () => `exq_live_${randomBytes(16).toString("hex")}`;
const validKey = async () => (await createApiKey((await createCarrier()).id)).key;

afterEach(() => vi.useRealTimers());

describe("API-key look-ups charge only keys that turn out bogus", () => {
  it("two bogus keys a minute from an address never lock out the integration behind it", async () => {
    expect(env().API_KEY_LOOKUP_LIMIT).toBe(20);
    vi.useFakeTimers({ toFake: ["Date"] });
    const [key, ip] = [await validKey(), randomIp()];
    const statuses: number[] = [];
    // Forty minutes: each cache period, one guess and one refresh of the integration's key.
    for (let step = 0; step < 80; step++) {
      vi.setSystemTime(Date.now() + API_KEY_CACHE_MS + 1);
      expect(await call(bogusKey(), ip)).toBe(401);
      statuses.push(await call(key, ip));
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });

  it("valid keys looked up from an address leave its whole budget to be spent on guesses", async () => {
    const ip = randomIp();
    for (let i = 0; i < 5; i++) expect(await call(await validKey(), ip)).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push(await call(bogusKey(), ip));
    expect(statuses).toEqual([...Array<number>(20).fill(401), 429]);
  });

  it("once the budget is spent, a key this server has seen valid is still refreshed; an unseen one waits", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const [seen, unseen, ip] = [await validKey(), await validKey(), randomIp()];
    expect(await call(seen, ip)).toBe(200);
    vi.setSystemTime(Date.now() + API_KEY_CACHE_MS + 1);
    while ((await call(bogusKey(), ip)) !== 429);
    expect(await call(seen, ip)).toBe(200);
    expect(await call(unseen, ip)).toBe(429);
  });
});
