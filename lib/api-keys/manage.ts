import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/core/api-key-scopes";
import { failure, ok, type Result } from "@/lib/core/result";
import { freeText } from "@/lib/validation/free-text";
import { apiKeyPrefix, hashApiKey } from "./hash";

/** A key as the console lists it: never the key, never its hash. */
export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export const apiKeyCreateSchema = z.object({
  name: freeText(60),
  scopes: z
    .array(z.enum(API_KEY_SCOPES, { error: `must be among ${API_KEY_SCOPES.join(", ")}` }))
    .min(1, "choose at least one")
    .transform((scopes) => API_KEY_SCOPES.filter((scope) => scopes.includes(scope))),
});
export const apiKeyTargetSchema = z.object({ keyId: z.uuid() });

/** 192 random bits, base64url, behind a recognisable prefix (secret scanners look for `exq_`). */
const newKey = () => `exq_${randomBytes(24).toString("base64url")}`;

/** The carrier's keys, newest first, revoked ones included (with when). */
export async function listApiKeys(db: Database, carrierId: string): Promise<ApiKeyRow[]> {
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.carrierId, carrierId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  }));
}

/** A new key for the carrier, allowed `scopes` only. The key itself is returned this once; only its hash is stored. */
export async function createApiKey(
  db: Database,
  carrierId: string,
  { name, scopes }: { name: string; scopes: readonly ApiKeyScope[] },
): Promise<Result<{ id: string; key: string }>> {
  const key = newKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ carrierId, name, scopes: [...scopes], prefix: apiKeyPrefix(key), keyHash: hashApiKey(key) })
    .returning({ id: apiKeys.id });
  return ok({ id: row!.id, key });
}

/**
 * Revokes one of the carrier's keys; another carrier's key is "not found". Servers that saw the
 * key valid stop accepting it within API_KEY_CACHE_MS (authenticate.ts).
 */
export async function revokeApiKey(db: Database, carrierId: string, keyId: string): Promise<Result<null>> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.carrierId, carrierId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return row ? ok(null) : failure("not_found", "No such active key in your carrier.");
}
