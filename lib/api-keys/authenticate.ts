import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { hashApiKey } from "./hash";

export type ApiKeyCaller = { kind: "api_key"; apiKeyId: string; carrierId: string };

// A carrier's integration sends thousands of requests a minute with one key; looking
// it up for each would double the database work. A revoked key stops within this time.
const CACHE_MS = 30_000;
const cache = new Map<string, { caller: ApiKeyCaller | null; until: number }>();

export function bearerToken(authorization: string | null): string | null {
  const match = authorization?.match(/^Bearer\s+(\S{1,200})\s*$/i);
  return match?.[1] ?? null;
}

/** The carrier behind an `Authorization: Bearer <api key>` header, or null for a missing or unknown key. */
export async function authenticateApiKey(db: Database, authorization: string | null): Promise<ApiKeyCaller | null> {
  const key = bearerToken(authorization);
  if (!key) return null;
  const keyHash = hashApiKey(key);
  const hit = cache.get(keyHash);
  if (hit && hit.until > Date.now()) return hit.caller;
  const [row] = await db
    .select({ id: apiKeys.id, carrierId: apiKeys.carrierId })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  const caller: ApiKeyCaller | null = row ? { kind: "api_key", apiKeyId: row.id, carrierId: row.carrierId } : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(keyHash, { caller, until: Date.now() + CACHE_MS });
  return caller;
}
