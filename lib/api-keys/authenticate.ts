import { and, eq, isNull, sql } from "drizzle-orm";
import type { RedisClient } from "@/lib/redis/client";
import type { Database } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { env } from "@/lib/config/env";
import { chargeTokens, consumeTokens, type BucketPolicy } from "@/lib/rate-limit/token-bucket";
import { hashApiKey } from "./hash";

export type ApiKeyCaller = { kind: "api_key"; apiKeyId: string; carrierId: string; scopes: readonly string[] };
export type ApiKeyCheck =
  | { ok: true; caller: ApiKeyCaller }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

// Lookups of keys that turn out bogus, per caller IP (API_KEY_LOOKUP_LIMIT at once, then a tenth
// of that a minute). The budget is shared by everyone behind one address, so a key that turns out
// valid gets its token back, and a key this process has seen valid is refreshed without asking:
// a carrier's integration never spends it, and someone trying keys is slowed to a crawl.
const keyLookupPolicy = (limit: number): BucketPolicy => ({
  name: "api-key-lookup",
  capacity: limit,
  refillPerHour: limit * 6,
});

// A carrier's integration sends thousands of requests a minute with one key; looking
// it up for each would double the database work. A revoked key stops within this time.
// (docs/console.md, "API keys": keep the two in step.)
export const API_KEY_CACHE_MS = 30_000;
const CACHE_MS = API_KEY_CACHE_MS;
const cache = new Map<string, { caller: ApiKeyCaller | null; until: number }>();
// One lookup per key and caller at a time: an integration's burst of concurrent requests after the cache
// expires waits for that one answer instead of charging the caller's lookup budget once each.
const inFlight = new Map<string, Promise<ApiKeyCheck>>();

function bearerToken(authorization: string | null): string | null {
  const match = authorization?.match(/^Bearer\s+(\S{1,200})\s*$/i);
  return match?.[1] ?? null;
}

/**
 * The carrier behind an `Authorization: Bearer <api key>` header. A key this process has seen
 * valid costs nothing; any other key needs a token of the caller's IP (keyLookupPolicy) and keeps
 * it spent only when it turns out bogus.
 */
export async function authenticateApiKey(
  deps: { db: Database; redis: RedisClient },
  authorization: string | null,
  ip: string | null,
): Promise<ApiKeyCheck> {
  const key = bearerToken(authorization);
  if (!key) return { ok: false, reason: "invalid" };
  const keyHash = hashApiKey(key);
  const hit = cache.get(keyHash);
  if (hit?.caller && hit.until > Date.now()) return { ok: true, caller: hit.caller };
  const flight = `${ip ?? "unknown"} ${keyHash}`;
  const pending = inFlight.get(flight);
  if (pending) return pending;
  // A refresh of a key already seen valid tells its sender nothing new, so it is no guess.
  const lookUpNow = hit?.caller ? lookUp(deps.db, keyHash).then(checkOf) : chargedLookUp(deps, keyHash, ip);
  const check = lookUpNow.finally(() => inFlight.delete(flight));
  inFlight.set(flight, check);
  return check;
}

async function chargedLookUp(
  deps: { db: Database; redis: RedisClient },
  keyHash: string,
  ip: string | null,
): Promise<ApiKeyCheck> {
  const policy = keyLookupPolicy(env().API_KEY_LOOKUP_LIMIT);
  const gate = await consumeTokens(deps.redis, policy, ip ?? "unknown", 1);
  if (!gate.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: gate.retryAfterSeconds };
  const hit = cache.get(keyHash);
  const caller = hit && hit.until > Date.now() ? hit.caller : await lookUp(deps.db, keyHash);
  // Taken up front so a burst of guesses cannot all pass one remaining token; a valid key returns it.
  if (caller) await chargeTokens(deps.redis, policy, ip ?? "unknown", -1);
  return checkOf(caller);
}

const checkOf = (caller: ApiKeyCaller | null): ApiKeyCheck =>
  caller ? { ok: true, caller } : { ok: false, reason: "invalid" };

/**
 * The key's carrier, and its "last used" time (the console shows it) written in the same
 * statement: once per key per CACHE_MS per process, so it is right to within that time.
 */
async function lookUp(db: Database, keyHash: string): Promise<ApiKeyCaller | null> {
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, carrierId: apiKeys.carrierId, scopes: apiKeys.scopes });
  const caller: ApiKeyCaller | null = row
    ? { kind: "api_key", apiKeyId: row.id, carrierId: row.carrierId, scopes: row.scopes }
    : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(keyHash, { caller, until: Date.now() + CACHE_MS });
  return caller;
}
