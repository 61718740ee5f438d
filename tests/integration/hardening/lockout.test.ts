import { afterAll, describe, expect, it } from "vitest";
import { checkLogin, recordLoginFailure, type LoginAttempt } from "@/lib/auth/login-throttle";
import { isolatedRedis } from "../../support/redis";

/**
 * Were ten wrong passwords from anywhere to lock the account for every address, knowing an
 * admin's email would be enough to keep them out. An attacker's failures lock the attacker
 * (account + client), and the account as a whole only has a much higher ceiling, whose wait is
 * seconds.
 */
const T0 = 1_800_000_000_000;
const { redis, cleanup } = isolatedRedis("lockout-attack");
afterAll(cleanup);

async function wrongPassword(attempt: LoginAttempt, now: number) {
  const gate = await checkLogin(redis, attempt, now);
  if (gate.allowed) await recordLoginFailure(redis, attempt, now);
  return gate;
}

describe("lock-out", () => {
  it("an attacker hammering an admin's email from one address is locked; the admin is not", async () => {
    const account = "e:admin@victim.test";
    const attacker = { account, ip: "198.51.100.66" };
    let now = T0;
    for (let failures = 0; failures < 30;) {
      const gate = await wrongPassword(attacker, now);
      if (gate.allowed) failures++;
      else now += gate.retryAfterSeconds * 1000;
    }
    expect((await checkLogin(redis, attacker, now)).allowed).toBe(false);
    expect(await checkLogin(redis, { account, ip: "192.0.2.10" }, now)).toEqual({ allowed: true });
  });

  it("many addresses together reach the account's ceiling only after 100 failures, and it holds for seconds", async () => {
    const account = "e:admin2@victim.test";
    for (let i = 0; i < 100; i++) {
      expect((await wrongPassword({ account, ip: `203.0.113.${i}` }, T0)).allowed).toBe(true);
    }
    const owner = await checkLogin(redis, { account, ip: "192.0.2.11" }, T0);
    expect(owner.allowed).toBe(false);
    if (!owner.allowed) expect(owner.retryAfterSeconds).toBeLessThanOrEqual(10);
    expect((await checkLogin(redis, { account, ip: "192.0.2.11" }, T0 + 10_000)).allowed).toBe(true);
  });

  it("an unknown account is throttled exactly like a known one (the throttle never asks)", async () => {
    const gates = async (account: string) => {
      const results = [];
      for (let i = 0; i < 12; i++) results.push(await wrongPassword({ account, ip: "198.51.100.67" }, T0));
      return results;
    };
    expect(await gates("e:nobody@victim.test")).toEqual(await gates("e:admin3@victim.test"));
  });
});
