import { eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { afterCommit } from "@/db/transaction";
import { carriers, parcels } from "@/db/schema";
import type { RedisClient } from "@/lib/redis/client";
import { deleteKeys } from "@/lib/redis/slots";
import {
  bucketPipeline,
  bucketResult,
  consumeTokens,
  queueConsumeTokens,
  type BucketPolicy,
  type BucketResult,
} from "@/lib/rate-limit/token-bucket";
import type { AccessFacts } from "./access";

/**
 * Everything a masked view and an access decision need, and nothing in clear:
 * masked forms, ownership hash, carrier, courier, status. Cached in Redis by
 * code because it is identical for every stranger who scans the same label;
 * full data never goes into the cache.
 */
export type ParcelSnapshot = AccessFacts & {
  id: string;
  code: string;
  carrierName: string;
  itemName: string | null;
  masked: { name: string; phone: string; address: string; postalCode: string | null };
};

const CACHE_TTL_SECONDS = 300;
const cacheKey = (code: string) => `pv:${code}`;

export async function loadSnapshot(db: Database, code: string): Promise<ParcelSnapshot | null> {
  const [row] = await db
    .select({
      id: parcels.id,
      code: parcels.code,
      status: parcels.status,
      carrierId: parcels.carrierId,
      carrierName: carriers.name,
      carrierRetentionDays: carriers.retentionDays,
      courierId: parcels.courierId,
      recipientPhoneHash: parcels.recipientPhoneHash,
      deliveredAt: parcels.deliveredAt,
      piiPurgedAt: parcels.piiPurgedAt,
      itemName: parcels.itemName,
      printItemName: parcels.printItemName,
      maskedName: parcels.maskedName,
      maskedPhone: parcels.maskedPhone,
      maskedAddress: parcels.maskedAddress,
      maskedPostalCode: parcels.maskedPostalCode,
    })
    .from(parcels)
    .innerJoin(carriers, eq(carriers.id, parcels.carrierId))
    .where(eq(parcels.code, code))
    .limit(1);
  if (!row) return null;
  const { maskedName, maskedPhone, maskedAddress, maskedPostalCode, piiPurgedAt, ...facts } = row;
  return {
    ...facts,
    purged: piiPurgedAt !== null,
    masked: { name: maskedName, phone: maskedPhone, address: maskedAddress, postalCode: maskedPostalCode },
  };
}

/**
 * Charges `cost` to the caller's bucket and reads the code's cached snapshot in one round trip: one
 * pipeline on a single server. On a Redis Cluster the bucket (the caller's slot) and the snapshot
 * (the code's) may live on different nodes, where one pipeline cannot go; there the two commands
 * are sent together instead. A cache that cannot be read counts as a miss; a bucket, never.
 */
export async function chargeAndReadSnapshot(
  redis: RedisClient,
  bucket: { policy: BucketPolicy; callerId: string; cost: number },
  code: string,
): Promise<{ limit: BucketResult; cached: ParcelSnapshot | null }> {
  const { policy, callerId, cost } = bucket;
  if (redis.isCluster) {
    const [limit, cached] = await Promise.all([
      consumeTokens(redis, policy, callerId, cost),
      redis.get(cacheKey(code)).catch(() => null),
    ]);
    return { limit, cached: parseCachedSnapshot(cached) };
  }
  const pipeline = queueConsumeTokens(bucketPipeline(redis), policy, callerId, cost).get(cacheKey(code));
  const [[limitError, limitReply], [cacheError, cached]] = (await pipeline.exec()) as [
    [Error | null, unknown],
    [Error | null, unknown],
  ];
  if (limitError) throw limitError;
  return { limit: bucketResult(policy, limitReply), cached: cacheError ? null : parseCachedSnapshot(cached) };
}

/** Redis's copy of a code's snapshot, if it has one (a Redis error counts as none). */
export async function readCachedSnapshot(redis: RedisClient, code: string): Promise<ParcelSnapshot | null> {
  return parseCachedSnapshot(await redis.get(cacheKey(code)).catch(() => null));
}

function parseCachedSnapshot(value: unknown): ParcelSnapshot | null {
  if (typeof value !== "string") return null;
  const parsed = JSON.parse(value) as ParcelSnapshot & { deliveredAt: string | null };
  // A snapshot cached before printItemName was part of it: withhold the item name until it expires.
  const printItemName = parsed.printItemName === true;
  return { ...parsed, printItemName, deliveredAt: parsed.deliveredAt ? new Date(parsed.deliveredAt) : null };
}

export async function cacheSnapshot(redis: RedisClient, snapshot: ParcelSnapshot): Promise<void> {
  await redis.set(cacheKey(snapshot.code), JSON.stringify(snapshot), "EX", CACHE_TTL_SECONDS);
}

/** The codes' cached snapshots, gone now. Each code's key is its own slot on a Redis Cluster: one DEL per code there. */
export async function forgetSnapshot(redis: RedisClient, ...codes: string[]): Promise<void> {
  await deleteKeys(redis, codes.map(cacheKey));
}

/**
 * Every write that changes what a stranger sees of a parcel (status, courier, code, purge) calls
 * this in its transaction: the snapshots are forgotten once it commits (db/transaction.ts says why
 * not before), by the write itself, so no caller has to remember.
 */
export function forgetSnapshotOnCommit(tx: Transaction, redis: RedisClient, ...codes: string[]): void {
  if (codes.length > 0) afterCommit(tx, () => forgetSnapshot(redis, ...codes));
}
