import { afterAll, describe, expect, it } from "vitest";
import { checkLogin, loginSuccessKeys, recordLoginFailure, type LoginAttempt } from "@/lib/auth/login-throttle";
import { isolatedRedis } from "../support/redis";

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;

const { redis, keys: ownKeys, cleanup } = isolatedRedis("login-throttle");

afterAll(cleanup);

/** A login attempt with a wrong password, as the login handler runs it: check first, record the failure. */
async function wrongPassword(attempt: LoginAttempt, now: number) {
  const gate = await checkLogin(redis, attempt, now);
  if (gate.allowed) await recordLoginFailure(redis, attempt, now);
  return gate;
}

describe("login throttle", () => {
  it("lets 10 failures through per account and client, then refuses", async () => {
    const attempt = { account: "e:frozen@exq.test", ip: "198.51.100.1" };
    const gates = [];
    for (let i = 0; i < 30; i++) gates.push(await wrongPassword(attempt, T0));
    expect(gates.filter((gate) => gate.allowed)).toHaveLength(10);
    expect(gates.slice(0, 10).every((gate) => gate.allowed)).toBe(true);
    expect(gates[29]).toEqual({ allowed: false, retryAfterSeconds: 90 });
  });

  it("30 wrong passwords from one IP: growing lock-out, other accounts unaffected, the owner back after it", async () => {
    const attacker = { account: "e:victim@exq.test", ip: "198.51.100.2" };
    let now = T0;
    const waits: number[] = [];
    for (let failures = 0; failures < 30;) {
      const gate = await wrongPassword(attacker, now);
      if (gate.allowed) failures++;
      else {
        waits.push(gate.retryAfterSeconds);
        now += gate.retryAfterSeconds * 1000; // a patient attacker comes back exactly when allowed
      }
    }
    expect(waits.slice(0, 6)).toEqual([90, 90, 120, 240, 480, 900]);
    expect(waits.slice(6).every((wait) => wait === 900)).toBe(true);
    expect(now - T0).toBeGreaterThan(3 * 60 * MINUTE); // 30 guesses cost the attacker hours, not seconds

    const locked = await checkLogin(redis, attacker, now);
    expect(locked).toEqual({ allowed: false, retryAfterSeconds: 900 });
    // The lock is on the attacker's address for this account: the owner, elsewhere, logs in
    // (the lock-out is per account and address), and the attacker's address may still try other accounts.
    const owner = { account: "e:victim@exq.test", ip: "192.0.2.50" };
    expect(await checkLogin(redis, owner, now)).toEqual({ allowed: true });
    expect(await checkLogin(redis, { account: "e:someone-else@exq.test", ip: attacker.ip }, now)).toEqual({
      allowed: true,
    });

    now += 15 * MINUTE;
    expect(await checkLogin(redis, attacker, now)).toEqual({ allowed: true });
    await redis.del(...loginSuccessKeys(attacker)); // what a successful login deletes with its session
    // Cleared: a later typo is one failure again, not another 15-minute lock.
    await recordLoginFailure(redis, attacker, now);
    expect(await checkLogin(redis, attacker, now)).toEqual({ allowed: true });
  });

  it("forgets a lock-out after a quiet period without a successful login", async () => {
    const attempt = { account: "e:quiet@exq.test", ip: "198.51.100.3" };
    for (let i = 0; i < 10; i++) await wrongPassword(attempt, T0);
    expect(await checkLogin(redis, attempt, T0)).toEqual({ allowed: false, retryAfterSeconds: 90 });
    const later = T0 + 31 * MINUTE; // the 30 s lock ended, then 15 quiet minutes, and the bucket is full
    await recordLoginFailure(redis, attempt, later);
    expect(await checkLogin(redis, attempt, later)).toEqual({ allowed: true });
  });

  it("limits one IP to 100 failures per 15 minutes across accounts; a success does not reset it", async () => {
    const ip = "198.51.100.4";
    for (let i = 0; i < 60; i++) await recordLoginFailure(redis, { account: `e:sweep-${i}@exq.test`, ip }, T0);
    await redis.del(...loginSuccessKeys({ account: "e:sweep-0@exq.test", ip }));
    for (let i = 60; i < 100; i++) await recordLoginFailure(redis, { account: `e:sweep-${i}@exq.test`, ip }, T0);

    const fresh = { account: "e:never-tried@exq.test", ip };
    const refused = await checkLogin(redis, fresh, T0);
    expect(refused.allowed).toBe(false);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 9 }); // one failure's worth of refill: 900 s / 100
    expect(await checkLogin(redis, { ...fresh, ip: "192.0.2.99" }, T0)).toEqual({ allowed: true });
    expect(await checkLogin(redis, { ...fresh, ip: null }, T0)).toEqual({ allowed: true });
    expect(await checkLogin(redis, fresh, T0 + 15 * MINUTE)).toEqual({ allowed: true });
  });

  it("checks an attempt without writing: a spray of identifiers leaves nothing, a count stays as it was", async () => {
    const ip = "198.51.100.5";
    const before = await ownKeys();
    for (let i = 0; i < 5; i++) {
      expect(await checkLogin(redis, { account: `e:spray-${i}@exq.test`, ip }, T0)).toEqual({ allowed: true });
    }
    expect(await ownKeys()).toEqual(before);

    const counted = { account: "e:counted@exq.test", ip };
    await recordLoginFailure(redis, counted, T0);
    const state = async () => Promise.all((await ownKeys()).sort().map(async (key) => [key, await redis.hgetall(key)]));
    const afterFailure = await state();
    expect(await checkLogin(redis, counted, T0 + 5 * MINUTE)).toEqual({ allowed: true });
    expect(await state()).toEqual(afterFailure);
  });

  it("counts every spelling of an identifier as one account and keeps no plaintext in Redis", async () => {
    for (let i = 0; i < 10; i++) {
      const spelling = i % 2 === 0 ? "e:Spelling@EXQ.test" : "  e:spelling@exq.test ";
      await recordLoginFailure(redis, { account: spelling, ip: "203.0.113.7" }, T0);
    }
    expect((await checkLogin(redis, { account: "e:spelling@exq.test", ip: "203.0.113.7" }, T0)).allowed).toBe(false);
    const keys = await ownKeys();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((key) => /spelling|exq\.test|203\.0\.113/i.test(key))).toBe(false);
  });
});
