import { createHash } from "node:crypto";
import type { RedisClient } from "@/lib/redis/client";
import {
  bucketKey,
  chargeTokens,
  refillPerMs,
  REFILLED_TOKENS_LUA,
  type BucketPolicy,
} from "@/lib/rate-limit/token-bucket";
import { luaCommand } from "@/lib/redis/lua-command";
import { hashTag, slotGroups } from "@/lib/redis/slots";

/**
 * Failed logins. Only failures are charged, so a user who types the right password is
 * never slowed down by their own logins, and an attacker's failures slow the attacker:
 *
 * - Account + client IP: 10 failures per 15 minutes (a bucket of 10 refilled at 40 an
 *   hour). The failure that empties it starts a lock-out of that pair that doubles with
 *   every further failure (30 s, 1, 2, 4, 8 min, then 15 min at most), and is forgotten
 *   15 quiet minutes after the last lock ended or at the pair's next successful login.
 *   The owner, logging in from their own address, is not affected by it.
 * - Account, from all addresses together: 100 failures per 15 minutes (a bucket of 100
 *   refilled at 400 an hour), the ceiling for guessing spread over many addresses. It
 *   never escalates: once it is empty, the next attempt waits for one failure's worth of
 *   refill (9 s), so an attacker cannot keep the owner out for long.
 * - IP: 100 failures per 15 minutes, so one address cannot sweep many accounts; a
 *   success does not refill it.
 *
 * Accounts are keyed by a hash of the identifier, whether the account exists or
 * not, so the throttle behaves the same for both and Redis holds no plaintext.
 */
export type LoginAttempt = { account: string; ip: string | null };
export type LoginGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const PAIR_POLICY: BucketPolicy = { name: "login-pair", capacity: 10, refillPerHour: 40 };
const ACCOUNT_POLICY: BucketPolicy = { name: "login-account-all", capacity: 100, refillPerHour: 400 };
const IP_POLICY: BucketPolicy = { name: "login-ip", capacity: 100, refillPerHour: 400 };
const LOCK_BASE_MS = 30_000;
const LOCK_MAX_MS = 15 * 60_000;
const LOCK_FORGET_MS = 15 * 60_000;

// Adds a strike when the pair's bucket is empty or it is already locked, and
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

// The seconds to wait before the next attempt (0: go ahead), from the pair's lock and the
// buckets, read in a script that writes nothing. KEYS: locks and buckets; ARGV: now, then for
// each key its capacity and refill per millisecond (capacity 0: the key is a lock).
const GATE_SCRIPT = `${REFILLED_TOKENS_LUA}
local now = tonumber(ARGV[1])
local wait = 0
for i = 1, #KEYS do
  local capacity, per_ms = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  if capacity == 0 then
    local locked_until = tonumber(redis.call('HGET', KEYS[i], 'until')) or 0
    if locked_until > now then wait = math.max(wait, 1, math.ceil((locked_until - now) / 1000)) end
  else
    local tokens = refilled_tokens(KEYS[i], capacity, per_ms, now)
    if tokens < 1 then wait = math.max(wait, math.ceil((1 - tokens) / per_ms / 1000)) end
  end
end
return wait
`;
const GATE = "exqLoginGate";
type WithGate = { [GATE](numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number> };

const withGate = luaCommand<WithGate>(GATE, GATE_SCRIPT);

/**
 * Trimmed, case-folded and hashed: every spelling of an identifier shares one counter. The
 * account's keys (its pair locks and buckets, its ceiling) carry it as their hash tag, so on a
 * Redis Cluster the gate reads them in one script and a login deletes them with its session.
 */
function accountId(account: string): string {
  return createHash("sha256").update(account.trim().normalize("NFKC").toLowerCase()).digest("base64url");
}
const ipId = (ip: string) => createHash("sha256").update(ip.trim().toLowerCase()).digest("base64url");
/** The account and the client together (without an address, the account's own pair), under the account's tag. */
function pairId(attempt: Pick<LoginAttempt, "account" | "ip">): string {
  const account = accountId(attempt.account);
  const pair = createHash("sha256")
    .update(`${account}|${attempt.ip?.trim().toLowerCase() ?? ""}`)
    .digest("base64url");
  return `${hashTag(account)}:${pair}`;
}
const lockKey = (id: string) => `login-lock:${id}`;

/**
 * Call before verifying the password: a throttled attempt must not reach the hash at all.
 * One Redis command that only reads (on a Cluster, one per slot: two), since every login, good or
 * bad, pays for it.
 */
export async function checkLogin(
  redis: RedisClient,
  attempt: LoginAttempt,
  now: number = Date.now(),
): Promise<LoginGate> {
  const pair = pairId(attempt);
  const gates: GateKey[] = [
    [lockKey(pair), 0, 0],
    ...chargedBuckets(attempt, pair).map(([policy, id]): GateKey => [
      bucketKey(policy, id),
      policy.capacity,
      refillPerMs(policy),
    ]),
  ];
  // One script on a single server; on a Cluster one per slot: the account's keys, then the IP's bucket.
  const waits = await Promise.all(
    slotGroups(redis, gates, ([key]) => key).map((group) =>
      withGate(redis)[GATE](group.length, ...group.map(([key]) => key), now, ...group.flatMap(([, ...args]) => args)),
    ),
  );
  const wait = Math.max(0, ...waits);
  return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
}

/** A key the gate reads, with its capacity and refill per millisecond (0, 0: a lock). */
type GateKey = [key: string, capacity: number, perMs: number];

/** The buckets an attempt draws from, the pair's first. */
function chargedBuckets(attempt: LoginAttempt, pair: string): [BucketPolicy, string][] {
  const buckets: [BucketPolicy, string][] = [
    [PAIR_POLICY, pair],
    [ACCOUNT_POLICY, hashTag(accountId(attempt.account))],
  ];
  if (attempt.ip) buckets.push([IP_POLICY, ipId(attempt.ip)]);
  return buckets;
}

/** Charges a failed login (wrong password, unknown or disabled account alike) to the pair, the account and the IP. */
export async function recordLoginFailure(
  redis: RedisClient,
  attempt: LoginAttempt,
  now: number = Date.now(),
): Promise<void> {
  const pair = pairId(attempt);
  const [paired] = await Promise.all(
    chargedBuckets(attempt, pair).map(([policy, id]) => chargeTokens(redis, policy, id, 1, now)),
  );
  const exhausted = !paired!.allowed || paired!.remaining === 0 ? 1 : 0;
  await withStrike(redis)[STRIKE](lockKey(pair), now, exhausted, LOCK_BASE_MS, LOCK_MAX_MS, LOCK_FORGET_MS);
}

/**
 * The keys of this client's failed-login state for the account (the pair's bucket and lock),
 * which a successful login deletes; the account's ceiling and the IP's count stay. Deleted with
 * the new session's own writes (createSession), so a login costs one Redis round trip fewer.
 */
export function loginSuccessKeys(attempt: LoginAttempt): string[] {
  const pair = pairId(attempt);
  return [lockKey(pair), bucketKey(PAIR_POLICY, pair)];
}
