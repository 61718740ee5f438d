import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import {
  bucketPipeline,
  bucketResult,
  chargeTokens,
  queueConsumeTokens,
  type BucketPolicy,
} from "@/lib/rate-limit/token-bucket";
import { luaCommand } from "@/lib/redis/lua-command";

/**
 * Failed logins, limited per account and per IP. Only failures are charged, so a
 * user who types the right password is never slowed down by their own logins.
 *
 * - Account: 10 failures per 15 minutes (a bucket of 10 refilled at 40 an hour).
 *   The failure that empties it starts a lock-out that doubles with every further
 *   failure (30 s, 1, 2, 4, 8 min, then 15 min at most), and is forgotten 15 quiet
 *   minutes after the last lock ended or at the next successful login.
 * - IP: 100 failures per 15 minutes (a bucket of 100 refilled at 400 an hour), so
 *   one address cannot sweep many accounts; a success does not refill it.
 *
 * Accounts are keyed by a hash of the identifier, whether the account exists or
 * not, so the throttle behaves the same for both and Redis holds no plaintext.
 */
export type LoginAttempt = { account: string; ip: string | null };
export type LoginGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export const ACCOUNT_POLICY: BucketPolicy = { name: "login-account", capacity: 10, refillPerHour: 40 };
export const IP_POLICY: BucketPolicy = { name: "login-ip", capacity: 100, refillPerHour: 400 };
const LOCK_BASE_MS = 30_000;
const LOCK_MAX_MS = 15 * 60_000;
const LOCK_FORGET_MS = 15 * 60_000;

// Adds a strike when the account's bucket is empty or it is already locked, and
// locks for base * 2^(strikes - 1), capped; atomic, so parallel failures all count.
const STRIKE_SCRIPT = `
local now = tonumber(ARGV[1])
local exhausted = ARGV[2] == '1'
local base, cap, forget = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local state = redis.call('HMGET', KEYS[1], 'strikes', 'until')
local strikes = tonumber(state[1]) or 0
local locked_until = tonumber(state[2]) or 0
if now >= locked_until + forget then strikes = 0 end
if strikes == 0 and not exhausted then return 0 end
strikes = strikes + 1
local lock = math.min(cap, base * math.pow(2, math.min(strikes - 1, 30)))
locked_until = math.max(locked_until, now + lock)
redis.call('HSET', KEYS[1], 'strikes', strikes, 'until', string.format('%d', locked_until))
redis.call('PEXPIRE', KEYS[1], locked_until - now + forget)
return lock
`;
const STRIKE = "exqLoginStrike";
type WithStrike = {
  [STRIKE](key: string, now: number, exhausted: 0 | 1, base: number, cap: number, forget: number): Promise<number>;
};

const withStrike = luaCommand<WithStrike>(STRIKE, STRIKE_SCRIPT, 1);

/** Trimmed, case-folded and hashed: every spelling of an identifier shares one counter. */
function accountId(account: string): string {
  return createHash("sha256").update(account.trim().normalize("NFKC").toLowerCase()).digest("base64url");
}
const ipId = (ip: string) => createHash("sha256").update(ip.trim().toLowerCase()).digest("base64url");
const lockKey = (id: string) => `login-lock:${id}`;
const secondsUntil = (ms: number, now: number) => Math.max(1, Math.ceil((ms - now) / 1000));

/** Call before verifying the password: a throttled attempt must not reach the hash at all. */
export async function checkLogin(redis: Redis, attempt: LoginAttempt, now: number = Date.now()): Promise<LoginGate> {
  const id = accountId(attempt.account);
  const pipeline = bucketPipeline(redis);
  queueConsumeTokens(pipeline, ACCOUNT_POLICY, id, 0, now);
  if (attempt.ip) queueConsumeTokens(pipeline, IP_POLICY, ipId(attempt.ip), 0, now);
  pipeline.hget(lockKey(id), "until");
  const replies = (await pipeline.exec()) ?? [];
  for (const [error] of replies) if (error) throw error;

  const lockedUntil = Number(replies[replies.length - 1]?.[1] ?? 0) || 0;
  const buckets = [bucketResult(ACCOUNT_POLICY, replies[0]?.[1])];
  if (attempt.ip) buckets.push(bucketResult(IP_POLICY, replies[1]?.[1]));

  const waits = buckets.filter((bucket) => !bucket.allowed).map((bucket) => bucket.retryAfterSeconds);
  if (lockedUntil > now) waits.push(secondsUntil(lockedUntil, now));
  return waits.length === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(...waits) };
}

/** Charges a failed login (wrong password, unknown or disabled account alike) to the account and the IP. */
export async function recordLoginFailure(redis: Redis, attempt: LoginAttempt, now: number = Date.now()): Promise<void> {
  const id = accountId(attempt.account);
  const [account] = await Promise.all([
    chargeTokens(redis, ACCOUNT_POLICY, id, 1, now),
    attempt.ip ? chargeTokens(redis, IP_POLICY, ipId(attempt.ip), 1, now) : null,
  ]);
  const exhausted = !account.allowed || account.remaining === 0 ? 1 : 0;
  await withStrike(redis)[STRIKE](lockKey(id), now, exhausted, LOCK_BASE_MS, LOCK_MAX_MS, LOCK_FORGET_MS);
}

/**
 * The keys of an account's failed-login state (its bucket and lock), which a successful login
 * deletes; the IP's count stays. Deleted with the new session's own writes (createSession), so
 * a login costs one Redis round trip fewer.
 */
export function loginSuccessKeys(attempt: Pick<LoginAttempt, "account">): string[] {
  const id = accountId(attempt.account);
  // `rl:{policy}:{id}` is token-bucket.ts's key name for a bucket; deleting it refills the bucket.
  return [lockKey(id), `rl:${ACCOUNT_POLICY.name}:${id}`];
}
