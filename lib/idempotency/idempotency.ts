import { createHash } from "node:crypto";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { transaction } from "@/db/transaction";
import { idempotencyKeys } from "@/db/schema";
import { errorBody } from "@/lib/core/api-error";

export type StoredResponse = { status: number; body: unknown };

/** An error answer in the API's one shape, as a handler inside a transaction returns it. */
export function storedError(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return { status, body: errorBody(code, message, extra) };
}

/**
 * How long a remembered answer is replayed: a request retried later than this is a new request.
 * Keys live in a day's partition each (db/partitions.ts), dropped once all their keys are older.
 */
export const IDEMPOTENCY_WINDOW_DAYS = 7;
const WINDOW_MS = IDEMPOTENCY_WINDOW_DAYS * 24 * 60 * 60 * 1000;

/** What an Idempotency-Key may be (lib/http/route-input.ts refuses others). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function requestHash(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

export type IdempotentResult = StoredResponse & { replayed: boolean };

/**
 * Runs `handler` once per (scope, key) within IDEMPOTENCY_WINDOW_DAYS. The handler's writes and
 * the remembered response commit in one transaction, and concurrent requests with the same key
 * wait on an advisory lock for the first, so replays, double taps and two tabs produce exactly one
 * effect. The lock, not an index, keeps (scope, key) unique: the table's keys hold created_at,
 * which partitioning requires, and the lookup is bounded to the window so it reads only its
 * days. The same key with another body answers 422.
 * Responses that are not 2xx are not remembered: the caller may fix and retry.
 */
export async function runIdempotent(
  db: Database,
  scope: string,
  key: string,
  body: unknown,
  handler: (tx: Transaction) => Promise<StoredResponse>,
  now = new Date(),
): Promise<IdempotentResult> {
  const hash = requestHash(body);
  const since = new Date(now.getTime() - WINDOW_MS);
  return transaction(db, async (tx) => {
    // Keys are visible ASCII without spaces, so a space separates scope and key unambiguously.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${scope} ${key}`}, 0))`);
    const [previous] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), gt(idempotencyKeys.createdAt, since)))
      .orderBy(desc(idempotencyKeys.createdAt))
      .limit(1);
    if (previous) {
      if (previous.requestHash !== hash) return keyReused();
      return { status: previous.responseStatus, body: previous.responseBody, replayed: true };
    }
    const response = await handler(tx);
    if (response.status >= 200 && response.status < 300) {
      const [stored] = await tx
        .insert(idempotencyKeys)
        .values({ scope, key, requestHash: hash, responseStatus: response.status, responseBody: response.body })
        .returning({ body: idempotencyKeys.responseBody });
      // The body as jsonb gives it back (its own key order), so the first answer and every replay are identical.
      return { status: response.status, body: stored?.body ?? response.body, replayed: false };
    }
    return { ...response, replayed: false };
  });
}

function keyReused(): IdempotentResult {
  const message = "This Idempotency-Key was already used with a different request body.";
  return { ...storedError(422, "idempotency_key_reused", message), replayed: false };
}
