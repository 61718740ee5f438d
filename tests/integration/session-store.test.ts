import { afterAll, describe, expect, it } from "vitest";
import {
  createSession,
  listUserSessions,
  readSession,
  revokeSession,
  revokeUserSessions,
  indexKey,
  sessionKey,
  type NewSession,
  type SessionPolicy,
} from "@/lib/auth/session-store";
import { sessionPolicy } from "@/lib/auth/session";
import { connectRedis } from "@/lib/redis/client";
import { isolatedRedis } from "../support/redis";

const POLICY: SessionPolicy = { idleMinutes: 30, courierIdleMinutes: 600, maxHours: 12 };
const SHORT_IDLE: SessionPolicy = { idleMinutes: 1, courierIdleMinutes: 1, maxHours: 12 };
const SLIDING: SessionPolicy = { idleMinutes: 5, courierIdleMinutes: 5, maxHours: 1 };
const MINUTE = 60_000;
const T0 = 1_800_000_000_000;

const { redis, prefix: PREFIX, cleanup } = isolatedRedis("session-store");
let users = 0;
const newUser = (): NewSession => ({
  userId: `user-${++users}`,
  role: "recipient",
  carrierId: null,
  phoneHash: "phone-hash",
  ip: "203.0.113.7",
  userAgent: "vitest",
});

afterAll(cleanup);

describe("session store", () => {
  it("creates a fresh random session every login, under the client's key prefix, with the idle TTL", async () => {
    const data = newUser();
    const first = await createSession(redis, POLICY, data);
    const second = await createSession(redis, POLICY, data);
    expect(first.jti).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.jti).not.toBe(first.jti);
    expect(first).toMatchObject({ ...data, lastSeenAt: first.createdAt });
    const ttl = await redis.pttl(sessionKey(first));
    expect(ttl).toBeGreaterThan(29 * MINUTE);
    expect(ttl).toBeLessThanOrEqual(30 * MINUTE);
    const plain = connectRedis(process.env.REDIS_URL!);
    try {
      expect(await plain.exists(`${PREFIX}${sessionKey(first)}`)).toBe(1);
    } finally {
      plain.disconnect();
    }
    expect(await readSession(redis, POLICY, first)).toEqual(first);
  });

  it("indexes the session under its user, drops index members past the absolute lifetime, and deletes alsoDelete", async () => {
    const data = newUser();
    const index = indexKey(data.userId);
    const old = await createSession(redis, POLICY, data, T0);
    await redis.set("login-lock:{someone}:pair", "1");
    await redis.set("rl:login-pair:{someone}:pair", "1");
    const later = T0 + 12 * 60 * MINUTE + 1; // the first session is past the absolute lifetime
    const fresh = await createSession(redis, POLICY, data, later, [
      "login-lock:{someone}:pair",
      "rl:login-pair:{someone}:pair",
    ]);
    expect(await redis.zrange(index, 0, "-1", "WITHSCORES")).toEqual([fresh.jti, String(later)]);
    expect(await redis.exists("login-lock:{someone}:pair", "rl:login-pair:{someone}:pair")).toBe(0);
    const indexTtl = await redis.pttl(index);
    expect(indexTtl).toBeGreaterThan(12 * 60 * MINUTE - 5_000);
    expect(indexTtl).toBeLessThanOrEqual(12 * 60 * MINUTE);
    expect(await redis.exists(sessionKey(old))).toBe(1); // its own TTL ends it; the index no longer lists it
    const unrelated = await createSession(redis, POLICY, newUser(), later);
    expect(await redis.zrange(index, 0, "-1")).toEqual([fresh.jti]);
    expect(await redis.zrange(indexKey(unrelated.userId), 0, "-1")).toEqual([unrelated.jti]);
  });

  it("expires after the idle timeout, by the clock and by the real Redis TTL", async () => {
    const session = await createSession(redis, SHORT_IDLE, newUser(), T0);
    expect(await readSession(redis, SHORT_IDLE, session, T0 + 29_000)).not.toBeNull(); // no touch yet
    expect(await readSession(redis, SHORT_IDLE, session, T0 + MINUTE + 1)).toBeNull();
    expect(await redis.exists(sessionKey(session))).toBe(0);

    const real = await createSession(redis, SHORT_IDLE, newUser());
    const ttl = await redis.pttl(sessionKey(real));
    expect(ttl).toBeGreaterThan(MINUTE - 5_000);
    expect(ttl).toBeLessThanOrEqual(MINUTE);
    await redis.pexpire(sessionKey(real), 50); // what Redis does when the minute is up
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await readSession(redis, SHORT_IDLE, real)).toBeNull();
  });

  it("gives a courier's session COURIER_IDLE_MINUTES of idleness, a recipient's and an admin's SESSION_IDLE_MINUTES", async () => {
    const config = { AUTH_SECRET: "x".repeat(40), PUBLIC_URL: "http://localhost:3000", SESSION_MAX_HOURS: 12 };
    const policy = sessionPolicy({ ...config, SESSION_IDLE_MINUTES: 30, COURIER_IDLE_MINUTES: 600 });
    const staff = (role: "courier" | "admin"): NewSession => ({
      ...newUser(),
      role,
      carrierId: "carrier-1",
      phoneHash: null,
    });
    const sessions = {
      courier: await createSession(redis, policy, staff("courier")),
      admin: await createSession(redis, policy, staff("admin")),
      recipient: await createSession(redis, policy, newUser()),
    };
    const ttls = Object.fromEntries(
      await Promise.all(Object.entries(sessions).map(async ([role, s]) => [role, await redis.pttl(sessionKey(s))])),
    );
    expect(ttls.courier).toBeGreaterThan(600 * MINUTE - 5_000);
    expect(ttls.courier).toBeLessThanOrEqual(600 * MINUTE);
    for (const role of ["admin", "recipient"]) {
      expect(ttls[role]).toBeGreaterThan(30 * MINUTE - 5_000);
      expect(ttls[role]).toBeLessThanOrEqual(30 * MINUTE);
    }

    // By the clock: 45 minutes without a request end a recipient's session, not a courier's, whose
    // touch slides its TTL back to the full working day; 600 idle minutes end the courier's too.
    const courier = await createSession(redis, policy, staff("courier"), T0);
    const recipient = await createSession(redis, policy, newUser(), T0);
    expect(await readSession(redis, policy, recipient, T0 + 45 * MINUTE)).toBeNull();
    expect((await readSession(redis, policy, courier, T0 + 45 * MINUTE))?.lastSeenAt).toBe(T0 + 45 * MINUTE);
    expect(await redis.pttl(sessionKey(courier))).toBeGreaterThan(600 * MINUTE - 5_000);
    expect(await readSession(redis, policy, courier, T0 + 45 * MINUTE + 600 * MINUTE)).toBeNull();
  });

  it("keeps an active session alive past the idle timeout (a one-minute timeout slides every 30 s)", async () => {
    const session = await createSession(redis, SHORT_IDLE, newUser(), T0);
    expect((await readSession(redis, SHORT_IDLE, session, T0 + 29_000))?.lastSeenAt).toBe(T0);
    expect((await readSession(redis, SHORT_IDLE, session, T0 + 30_000))?.lastSeenAt).toBe(T0 + 30_000);
    expect(await readSession(redis, SHORT_IDLE, session, T0 + 89_000)).not.toBeNull();
    expect(await readSession(redis, SHORT_IDLE, session, T0 + 200_000)).toBeNull();
  });

  it("slides the idle timeout at most once a minute", async () => {
    const session = await createSession(redis, SLIDING, newUser(), T0);
    const key = sessionKey(session);
    await redis.pexpire(key, 5_000); // a mark: only a touch raises the TTL again
    expect((await readSession(redis, SLIDING, session, T0 + 59_000))?.lastSeenAt).toBe(T0);
    expect(await redis.pttl(key)).toBeLessThanOrEqual(5_000);

    expect((await readSession(redis, SLIDING, session, T0 + 60_000))?.lastSeenAt).toBe(T0 + 60_000);
    expect(await redis.pttl(key)).toBeGreaterThan(5 * MINUTE - 5_000);
    expect(JSON.parse((await redis.get(key))!).lastSeenAt).toBe(T0 + 60_000);

    await redis.pexpire(key, 5_000);
    for (const at of [T0 + 61_000, T0 + 90_000, T0 + 119_999]) {
      expect((await readSession(redis, SLIDING, session, at))?.lastSeenAt).toBe(T0 + 60_000);
    }
    expect(await redis.pttl(key)).toBeLessThanOrEqual(5_000);
    expect((await readSession(redis, SLIDING, session, T0 + 120_000))?.lastSeenAt).toBe(T0 + 120_000);
  });

  it("ends at the absolute lifetime however active, and never sets a TTL past it", async () => {
    const session = await createSession(redis, SLIDING, newUser(), T0);
    for (let now = T0; now < T0 + 59 * MINUTE; now += 50_000) {
      expect(await readSession(redis, SLIDING, session, now)).not.toBeNull();
    }
    const nearEnd = T0 + 60 * MINUTE - 20_000;
    expect((await readSession(redis, SLIDING, session, nearEnd))?.lastSeenAt).toBe(nearEnd);
    const ttl = await redis.pttl(sessionKey(session));
    expect(ttl).toBeGreaterThan(15_000);
    expect(ttl).toBeLessThanOrEqual(20_000);
    expect(await readSession(redis, SLIDING, session, T0 + 60 * MINUTE)).toBeNull();
    expect(await redis.exists(sessionKey(session))).toBe(0);
    expect(await listUserSessions(redis, session.userId)).toEqual([]);
  });

  it("fails closed: a deleted or unreadable key is no session", async () => {
    const session = await createSession(redis, POLICY, newUser());
    await redis.del(sessionKey(session));
    expect(await readSession(redis, POLICY, session)).toBeNull();
    expect(await readSession(redis, POLICY, { userId: session.userId, jti: "never-issued" })).toBeNull();
    // Someone else's user id with a live jti (both are in the token) finds no session.
    const live = await createSession(redis, POLICY, newUser());
    expect(await readSession(redis, POLICY, { userId: session.userId, jti: live.jti })).toBeNull();
    expect(await revokeSession(redis, { userId: session.userId, jti: live.jti })).toBe(false);
    expect(await readSession(redis, POLICY, live)).not.toBeNull();

    for (const junk of ["not json", "null", "42", JSON.stringify({ ...session, role: "root" })]) {
      await redis.set(sessionKey({ userId: session.userId, jti: "junk" }), junk);
      expect(await readSession(redis, POLICY, { userId: session.userId, jti: "junk" })).toBeNull();
    }
  });

  it("throws instead of answering when Redis is unreachable", async () => {
    const down = connectRedis("redis://127.0.0.1:1", PREFIX);
    try {
      await expect(readSession(down, POLICY, { userId: "any", jti: "any" })).rejects.toThrow();
    } finally {
      down.disconnect();
    }
  });

  it("revokes one session, and all of a user's but the current one", async () => {
    const data = newUser();
    const [a, b, c] = [
      await createSession(redis, POLICY, data),
      await createSession(redis, POLICY, data),
      await createSession(redis, POLICY, data),
    ];
    const other = await createSession(redis, POLICY, newUser());

    expect(await revokeSession(redis, a)).toBe(true);
    expect(await revokeSession(redis, a)).toBe(false);
    expect(await readSession(redis, POLICY, a)).toBeNull();
    expect(await readSession(redis, POLICY, b)).not.toBeNull();

    expect(await revokeUserSessions(redis, data.userId, { except: c.jti })).toBe(1);
    expect(await readSession(redis, POLICY, b)).toBeNull();
    expect(await readSession(redis, POLICY, c)).not.toBeNull();
    expect(await readSession(redis, POLICY, other)).not.toBeNull();
    expect(await redis.zrange(indexKey(data.userId), 0, "-1")).toEqual([c.jti]);

    expect(await revokeUserSessions(redis, data.userId)).toBe(1);
    expect(await readSession(redis, POLICY, c)).toBeNull();
    expect(await revokeUserSessions(redis, data.userId)).toBe(0);
  });

  it("a touch never brings back a session revoked between its read and its write", async () => {
    const session = await createSession(redis, SLIDING, newUser(), T0);
    // The race, made certain: every GET is followed by a revocation before the caller goes on.
    const racing = new Proxy(redis, {
      get(target, property, receiver) {
        if (property === "get") {
          return async (key: string) => {
            const value = await target.get(key);
            await revokeSession(target, session);
            return value;
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    expect(await readSession(racing, SLIDING, session, T0 + 2 * MINUTE)).toBeNull();
    expect(await redis.exists(sessionKey(session))).toBe(0);
  });

  it("lists live sessions newest first and prunes the dead ones from the index", async () => {
    const data = newUser();
    const older = await createSession(redis, POLICY, data, Date.now() - 2 * MINUTE);
    const gone = await createSession(redis, POLICY, data, Date.now() - MINUTE);
    const newest = await createSession(redis, POLICY, data);
    await redis.del(sessionKey(gone));

    const listed = await listUserSessions(redis, data.userId);
    expect(listed.map((s) => s.jti)).toEqual([newest.jti, older.jti]);
    expect(listed[0]).toMatchObject({ ip: "203.0.113.7", userAgent: "vitest", role: "recipient" });
    expect(await redis.zcard(indexKey(data.userId))).toBe(2);
    // With a policy, a session idle past the limit by the given clock is left out too.
    const later = Date.now() + 31 * MINUTE;
    expect(await listUserSessions(redis, data.userId, later, POLICY)).toEqual([]);
  });
});
