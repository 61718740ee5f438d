import type { ChainableCommander } from "ioredis";
import type { RedisClient } from "@/lib/redis/client";
import { luaCommand } from "@/lib/redis/lua-command";

/**
 * A token bucket per caller in Redis, shared by every server. `capacity` tokens
 * at most, refilled evenly over an hour. A request is allowed while at least one
 * token is left; what its outcome costs is charged afterwards (chargeTokens) and
 * may push the balance below zero, so an expensive outcome (a code that does not
 * exist) buys a long wait.
 */
export type BucketPolicy = { name: string; capacity: number; refillPerHour: number };
export type BucketResult = { allowed: boolean; retryAfterSeconds: number; remaining: number };

/**
 * Lua: a bucket's balance now, refilled since it was last written. Shared with the scripts that
 * only read buckets (lib/auth/login-throttle.ts): refill is linear and capped, so a balance left
 * unwritten reads the same later as one written back at every look.
 */
export const REFILLED_TOKENS_LUA = `
local function refilled_tokens(key, capacity, per_ms, now)
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(state[1]) or capacity
  local at = tonumber(state[2]) or now
  return math.min(capacity, tokens + math.max(0, now - at) * per_ms)
end
`;

// Refill, then charge when allowed (or always, when forced); one round trip, atomic across servers.
// Only a charge writes: a look at the balance (cost 0, or a refusal) leaves Redis as it was.
const SCRIPT = `${REFILLED_TOKENS_LUA}
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local force = ARGV[5] == '1'
local tokens = refilled_tokens(KEYS[1], capacity, per_ms, now)
local allowed = tokens >= 1
if (allowed or force) and cost ~= 0 then
  tokens = tokens - cost
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / per_ms) + 1000)
end
return { allowed and 1 or 0, tostring(tokens) }
`;
const HOUR_MS = 3_600_000;
const COMMAND = "exqConsumeTokens";

type BucketReply = [number, string];
type WithBucketCommand = {
  [COMMAND](
    key: string,
    capacity: number,
    perMs: number,
    now: number,
    cost: number,
    force: 0 | 1,
  ): Promise<BucketReply>;
};
type PipelineWithBucket = ChainableCommander & {
  [COMMAND](key: string, capacity: number, perMs: number, now: number, cost: number, force: 0 | 1): ChainableCommander;
};

const withCommand = luaCommand<WithBucketCommand>(COMMAND, SCRIPT, 1);

/** The Redis key of `id`'s bucket under `policy`; deleting it refills the bucket. */
export const bucketKey = (policy: BucketPolicy, id: string) => `rl:${policy.name}:${id}`;

/** Tokens per millisecond, as the scripts take it. */
export const refillPerMs = (policy: BucketPolicy) => policy.refillPerHour / HOUR_MS;

function commandArgs(policy: BucketPolicy, id: string, cost: number, now: number, force: 0 | 1 = 0) {
  return [bucketKey(policy, id), policy.capacity, refillPerMs(policy), now, cost, force] as const;
}

function toResult(policy: BucketPolicy, [allowed, tokensText]: BucketReply): BucketResult {
  const tokens = Number(tokensText);
  const retryAfterSeconds = tokens >= 1 ? 0 : Math.ceil((1 - tokens) / refillPerMs(policy) / 1000);
  return { allowed: allowed === 1, retryAfterSeconds, remaining: Math.max(0, Math.floor(tokens)) };
}

/**
 * Charges `cost` tokens to `id` under `policy` if the caller still has a token.
 * Cost 0 only asks whether the caller may go ahead.
 */
export async function consumeTokens(
  redis: RedisClient,
  policy: BucketPolicy,
  id: string,
  cost: number,
  now: number = Date.now(),
): Promise<BucketResult> {
  return toResult(policy, await withCommand(redis)[COMMAND](...commandArgs(policy, id, cost, now)));
}

/**
 * Charges `cost` tokens to `id` whatever its balance: the price of an outcome whose request was
 * already let through. consumeTokens would skip the charge once the balance is under one token,
 * so after the bucket first ran dry every further miss would cost one token, not its price.
 */
export async function chargeTokens(
  redis: RedisClient,
  policy: BucketPolicy,
  id: string,
  cost: number,
  now: number = Date.now(),
): Promise<BucketResult> {
  return toResult(policy, await withCommand(redis)[COMMAND](...commandArgs(policy, id, cost, now, 1)));
}

/** A pipeline that can queue bucket charges (ioredis copies scripts into pipelines when they are made). */
export function bucketPipeline(redis: RedisClient): ChainableCommander {
  return withCommand(redis).pipeline();
}

/** The same charge queued on a `bucketPipeline`, to share one round trip with other reads. */
export function queueConsumeTokens(
  pipeline: ChainableCommander,
  policy: BucketPolicy,
  id: string,
  cost: number,
  now: number = Date.now(),
): ChainableCommander {
  return (pipeline as PipelineWithBucket)[COMMAND](...commandArgs(policy, id, cost, now));
}

export function bucketResult(policy: BucketPolicy, reply: unknown): BucketResult {
  return toResult(policy, reply as BucketReply);
}
