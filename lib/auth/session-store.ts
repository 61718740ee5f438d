import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { RedisClient } from "@/lib/redis/client";
import { luaCommand } from "@/lib/redis/lua-command";
import { deleteKeys, hashTag, slotPart } from "@/lib/redis/slots";

/**
 * Server-side sessions: the JWT only carries a `jti` (and its user), and the key
 * `session:{<userId>}:<jti>` in Redis is the allowlist. A missing key means logged out,
 * so revocation takes effect on every server at once and a flushed or unreachable Redis
 * never lets anyone in.
 */
export type SessionRecord = {
  jti: string;
  userId: string;
  role: "recipient" | "courier" | "admin";
  carrierId: string | null;
  /** Recipients only: the ownership key of their parcels (null for staff). */
  phoneHash: string | null;
  createdAt: number;
  lastSeenAt: number;
  ip: string | null;
  userAgent: string | null;
  /** Set when the account's password is a temporary one: the session may only change it. */
  mustChangePassword?: boolean;
};
/** A courier's idle limit is a working day (`courierIdleMinutes`); recipients' and admins' is `idleMinutes`. */
export type SessionPolicy = { idleMinutes: number; courierIdleMinutes: number; maxHours: number };
export type NewSession = Pick<
  SessionRecord,
  "userId" | "role" | "carrierId" | "phoneHash" | "ip" | "userAgent" | "mustChangePassword"
>;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

const recordSchema = z.object({
  jti: z.string().min(1),
  userId: z.string().min(1),
  role: z.enum(["recipient", "courier", "admin"]),
  carrierId: z.string().nullable(),
  phoneHash: z.string().nullable(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  mustChangePassword: z.boolean().optional(),
});

/** Which session: its id, and whose it is (the user's hash tag places it next to the user's index). */
export type SessionRef = Pick<SessionRecord, "userId" | "jti">;

// A user's sessions and their index share the user's hash tag, so the scripts and transactions
// below touch one Redis Cluster slot (lib/redis/slots.ts). A key without the tag is never
// read, so a session stored under one counts as ended.
export const sessionKey = ({ userId, jti }: SessionRef) => `session:${hashTag(userId)}:${jti}`;
export const indexKey = (userId: string) => `user-sessions:${hashTag(userId)}`;
const sessionKeysOf = (userId: string, jtis: readonly string[]) => jtis.map((jti) => sessionKey({ userId, jti }));
type Role = SessionRecord["role"];
const idleMs = (policy: SessionPolicy, role: Role) =>
  (role === "courier" ? policy.courierIdleMinutes : policy.idleMinutes) * MINUTE_MS;
const maxMs = (policy: SessionPolicy) => policy.maxHours * HOUR_MS;
// Sliding the idle TTL costs a write; once a minute is precise enough for a 30-minute
// timeout. A timeout of two minutes or less is slid every half timeout instead, or an
// active session would still lapse before its first touch.
const touchEveryMs = (policy: SessionPolicy, role: Role) => Math.min(MINUTE_MS, idleMs(policy, role) / 2);

/** A stored value that is not a session we wrote (corrupt, older format) is treated as no session. */
function parseRecord(raw: string | null): SessionRecord | null {
  if (raw === null) return null;
  try {
    const parsed = recordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Alive by our own clock too, so an expiry never depends on Redis having evicted the key yet. */
function isAlive(policy: SessionPolicy, record: SessionRecord, now: number): boolean {
  return now < record.createdAt + maxMs(policy) && now - record.lastSeenAt < idleMs(policy, record.role);
}

/** The key's TTL: the idle timeout of the session's role, never past the absolute lifetime. */
function ttlMs(policy: SessionPolicy, record: SessionRecord, now: number): number {
  return Math.max(1, Math.min(idleMs(policy, record.role), record.createdAt + maxMs(policy) - now));
}

// A new session, its place in the user's index (members older than the absolute lifetime are
// dead for sure and pruned; the index outlives its newest session) and any keys to forget, in one
// atomic script: a MULTI of the same writes cost twice the event loop's time per login.
const CREATE_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
if #KEYS > 2 then redis.call('DEL', unpack(KEYS, 3)) end
return 1
`;
const CREATE = "exqCreateSession";
type WithCreate = {
  [CREATE](
    numberOfKeys: number,
    ...keysThenArgs: [session: string, index: string, ...rest: (string | number)[]]
  ): Promise<number>;
};
const withCreate = luaCommand<WithCreate>(CREATE, CREATE_SCRIPT);

/**
 * A new session; `alsoDelete` are keys that go in the same round trip (a login's failed-attempt
 * state). On a Redis Cluster, those in another slot than the session are deleted beside it.
 */
export async function createSession(
  redis: RedisClient,
  policy: SessionPolicy,
  data: NewSession,
  now: number = Date.now(),
  alsoDelete: readonly string[] = [],
): Promise<SessionRecord> {
  const record: SessionRecord = {
    jti: randomBytes(32).toString("base64url"),
    ...data,
    createdAt: now,
    lastSeenAt: now,
  };
  const together = redis.isCluster ? alsoDelete.filter((key) => slotPart(key) === data.userId) : alsoDelete;
  const apart = alsoDelete.filter((key) => !together.includes(key));
  await Promise.all([
    withCreate(redis)[CREATE](
      2 + together.length,
      sessionKey(record),
      indexKey(data.userId),
      ...together,
      JSON.stringify(record),
      ttlMs(policy, record, now),
      now,
      record.jti,
      now - maxMs(policy),
      maxMs(policy),
    ),
    deleteKeys(redis, apart),
  ]);
  return record;
}

/**
 * The live session for `jti`, or null. One GET in the common case; at most once a
 * minute it also slides the idle TTL. Redis errors propagate (callers answer 503).
 */
export async function readSession(
  redis: RedisClient,
  policy: SessionPolicy,
  ref: SessionRef,
  now: number = Date.now(),
): Promise<SessionRecord | null> {
  const key = sessionKey(ref);
  const record = parseRecord(await redis.get(key));
  if (!record || record.jti !== ref.jti || record.userId !== ref.userId) return null;
  if (!isAlive(policy, record, now)) {
    await redis.multi().del(key).zrem(indexKey(record.userId), ref.jti).exec();
    return null;
  }
  if (now - record.lastSeenAt < touchEveryMs(policy, record.role)) return record;
  const touched = { ...record, lastSeenAt: now };
  // XX: a revocation that lands between the GET and this SET must not bring the session back.
  const written = await redis.set(key, JSON.stringify(touched), "PX", ttlMs(policy, touched, now), "XX");
  return written === "OK" ? touched : null;
}

/**
 * The session may do everything again: its temporary password was just changed. XX and
 * KEEPTTL, so a session revoked meanwhile stays revoked and its limits stay as they were;
 * false when it is gone.
 */
export async function clearPasswordChange(redis: RedisClient, ref: SessionRef): Promise<boolean> {
  const record = parseRecord(await redis.get(sessionKey(ref)));
  if (!record) return false;
  const cleared: SessionRecord = { ...record, mustChangePassword: false };
  return (await redis.set(sessionKey(ref), JSON.stringify(cleared), "KEEPTTL", "XX")) === "OK";
}

/** Ends one session; true when it was still alive. */
export async function revokeSession(redis: RedisClient, ref: SessionRef): Promise<boolean> {
  const replies = await redis.multi().getdel(sessionKey(ref)).zrem(indexKey(ref.userId), ref.jti).exec();
  return typeof replies?.[0]?.[1] === "string";
}

/**
 * Ends every session of a user except `options.except` (the current one, for "log
 * out other sessions"); returns how many live sessions ended. Not atomic with a
 * login racing it, which gets a fresh session exactly as if it came a moment later.
 */
export async function revokeUserSessions(
  redis: RedisClient,
  userId: string,
  options: { except?: string } = {},
): Promise<number> {
  const jtis = (await redis.zrange(indexKey(userId), 0, "-1")).filter((jti) => jti !== options.except);
  if (jtis.length === 0) return 0;
  const replies = await redis
    .multi()
    .del(...sessionKeysOf(userId, jtis))
    .zrem(indexKey(userId), ...jtis)
    .exec();
  const deleted = replies?.[0]?.[1];
  return typeof deleted === "number" ? deleted : 0;
}

/**
 * A user's live sessions, newest first; index entries whose session is gone are
 * pruned. With `policy`, sessions past their idle or absolute limit at `now` count as gone too.
 */
export async function listUserSessions(
  redis: RedisClient,
  userId: string,
  now: number = Date.now(),
  policy?: SessionPolicy,
): Promise<SessionRecord[]> {
  const jtis = await redis.zrange(indexKey(userId), 0, "-1", "REV");
  if (jtis.length === 0) return [];
  const values = await redis.mget(...sessionKeysOf(userId, jtis));
  const live: SessionRecord[] = [];
  const dead: string[] = [];
  jtis.forEach((jti, i) => {
    const record = parseRecord(values[i] ?? null);
    const ok = record !== null && record.userId === userId && (!policy || isAlive(policy, record, now));
    if (ok) live.push(record);
    else dead.push(jti);
  });
  if (dead.length > 0) await redis.zrem(indexKey(userId), ...dead);
  return live;
}
