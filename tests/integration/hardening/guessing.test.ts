import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { requestOtp } from "@/lib/auth/otp";
import type { SmsSender } from "@/lib/auth/sms-sender";
import { env } from "@/lib/config/env";
import { requireCaller } from "@/lib/http/caller";
import { createApiKey, createCarrier, randomIp } from "../../support/fixtures";
import { isolatedRedis } from "../../support/redis";

/**
 * One address must not guess API keys forever (401 after 401), nor have a code texted to any
 * number of phones (each text costs money).
 */
const { redis, cleanup } = isolatedRedis("guessing");
afterAll(cleanup);

const call = (authorization: string, ip: string) =>
  requireCaller(
    new Request(`${env().PUBLIC_URL}/api/v1/parcels/ABC`, { headers: { authorization, "x-forwarded-for": ip } }),
    ["admin"],
  );

describe("bogus API keys", () => {
  it("one address guessing keys gets 429 with Retry-After, not an endless stream of 401s", async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 100; i++) {
      const check = await call(`Bearer exq_live_${randomBytes(16).toString("hex")}`, ip);
      expect(check.ok).toBe(false);
      if (check.ok) continue;
      statuses.push(check.response.status);
      if (check.response.status === 429) retryAfter ??= check.response.headers.get("retry-after");
    }
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(80);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it("another address, and a real key, are not slowed by it", async () => {
    const { key } = await createApiKey((await createCarrier()).id);
    const bogus = await call(`Bearer exq_live_${randomBytes(16).toString("hex")}`, randomIp());
    expect(bogus.ok ? 200 : bogus.response.status).toBe(401);
    expect((await call(`Bearer ${key}`, randomIp())).ok).toBe(true);
  });

  it("a carrier's integration sending 50 requests at once with its one key is never throttled", async () => {
    const { key } = await createApiKey((await createCarrier()).id);
    const ip = randomIp();
    const checks = await Promise.all(Array.from({ length: 50 }, () => call(`Bearer ${key}`, ip)));
    expect(checks.filter((check) => !check.ok)).toEqual([]);
  });
});

describe("SMS codes per caller", () => {
  it("one address gets codes sent to at most 10 phones an hour", async () => {
    const sent: string[] = [];
    const sender: SmsSender = { send: async (phone) => void sent.push(phone) };
    const ip = randomIp();
    const answers = [];
    for (let i = 0; i < 15; i++) {
      answers.push(await requestOtp(redis, sender, `+8210${String(70_000_000 + i)}`, Date.now(), ip));
    }
    expect(sent).toHaveLength(10);
    expect(answers.slice(10).every((answer) => !answer.ok && answer.retryAfterSeconds > 0)).toBe(true);
    expect((await requestOtp(redis, sender, "+821079999999", Date.now(), randomIp())).ok).toBe(true);
  });
});
