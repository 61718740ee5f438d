/**
 * Retention purge: drops the recipient's encrypted personal data a number of
 * days after the delivery ended, keeping what the product promises to keep —
 * the masked forms, the event timeline and the disclosure (audit) log.
 *
 * Which parcels:
 * - delivered: `delivered_at` older than the cutoff (the spec's rule);
 * - returned: a returned parcel is never delivered, yet holding a stranger's
 *   address forever is worse than the spec's silence. There is no
 *   `returned_at`, and `returned` is final, so `updated_at` is the time of the
 *   return unless something later touched the row — which can only postpone
 *   the purge, never bring it forward. (A `returned_at`/`ended_at` column with
 *   its own partial index would make this exact.)
 *
 * With the parcel's own data go the data others left on it, in the same transaction: the messages
 * between courier and recipient and a finder's contact on a report (purgeAlongside). The owner can
 * also purge one ended delivery at once (purgeParcelNow), through the same UPDATE.
 *
 * Safe to run on several servers at once: each batch locks its rows with
 * `for update skip locked`, so two runs split the work instead of waiting on
 * or double-counting each other, and each UPDATE commits on its own, so locks
 * are held for one batch only.
 */
import { and, eq, exists, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import type { RedisClient } from "@/lib/redis/client";
import { transaction } from "@/db/transaction";
import { carriers, messageReads, messages, parcels, reports } from "@/db/schema";
import { purgeProofPhotos } from "./proof-store";
import { forgetSnapshotOnCommit } from "./snapshot";

export type PurgeOptions = {
  /** Days after delivery (or return) that full personal data is kept. */
  retentionDays: number;
  /** The clock; tests pass their own. */
  now?: Date;
  /** Rows per UPDATE: small enough to keep each transaction short. */
  batchSize?: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PURGE_BATCH_SIZE = 1000;

/** Purges every parcel past retention; returns how many this call purged. */
export async function purgeExpiredPersonalData(db: Database, options: PurgeOptions): Promise<{ purged: number }> {
  const { retentionDays, now = new Date(), batchSize = DEFAULT_PURGE_BATCH_SIZE } = options;
  // A NaN or negative here would purge everything or nothing without a word.
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) {
    throw new RangeError(`retentionDays must be a positive number, got ${retentionDays}`);
  }
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  if (Number.isNaN(now.getTime())) throw new RangeError("now is not a valid date");
  let purged = 0;
  // Carriers that keep data for less than the server's days go first, each with its own cutoff
  // (carriers.retention_days, lib/carrier-settings); then every parcel with the server's. The
  // server's value is a ceiling: a carrier's longer value (after PII_RETENTION_DAYS was lowered)
  // is cut to it by that second pass.
  const shorter = await db
    .select({ id: carriers.id, days: carriers.retentionDays })
    .from(carriers)
    .where(and(isNotNull(carriers.retentionDays), lt(carriers.retentionDays, retentionDays)));
  for (const carrier of shorter) {
    for (const expired of expiredWhere(cutoffFor(now, carrier.days!), carrier.id)) {
      purged += await purgeWhere(db, expired, now, batchSize);
    }
  }
  for (const expired of expiredWhere(cutoffFor(now, retentionDays))) {
    purged += await purgeWhere(db, expired, now, batchSize);
  }
  await forgetLateContacts(db);
  return { purged };
}

/**
 * The owner's early purge of one parcel whose delivery has ended (delivered or returned): the
 * same columns as the retention purge. Returns the parcel's code when this call purged it (its
 * cached view forgotten); null when there was nothing (left) to purge.
 */
export async function purgeParcelNow(
  { db, redis }: { db: Database; redis: RedisClient },
  parcelId: string,
  now = new Date(),
): Promise<string | null> {
  const ended = or(eq(parcels.status, "delivered"), eq(parcels.status, "returned"));
  const row = await transaction(db, async (tx) => {
    const [purged] = await tx
      .update(parcels)
      .set(purgedColumns(now))
      .where(and(eq(parcels.id, parcelId), isNotNull(parcels.piiCiphertext), ended))
      .returning({ code: parcels.code });
    if (!purged) return undefined;
    await purgeAlongside(tx, [parcelId]);
    forgetSnapshotOnCommit(tx, redis, purged.code);
    return purged;
  });
  return row?.code ?? null;
}

// Fixed 24-hour days: timestamps are absolute, so there is no DST to care about.
const cutoffFor = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Delivered, then returned parcels past `cutoff` that still hold personal data (of one carrier, when given). */
function expiredWhere(cutoff: Date, carrierId?: string): SQL[][] {
  const ofCarrier = carrierId ? [eq(parcels.carrierId, carrierId)] : [];
  // Written so the delivered query can use parcels_purge_idx (delivered_at,
  // where pii_ciphertext is not null and delivered_at is not null).
  const delivered = [isNotNull(parcels.piiCiphertext), isNotNull(parcels.deliveredAt), lt(parcels.deliveredAt, cutoff)];
  const returned = [
    isNotNull(parcels.piiCiphertext),
    eq(parcels.status, "returned"),
    isNull(parcels.deliveredAt),
    lt(parcels.updatedAt, cutoff),
  ];
  return [
    [...delivered, ...ofCarrier],
    [...returned, ...ofCarrier],
  ];
}

/** Everything personal on the row: the recipient's data and the delivery PIN. */
const purgedColumns = (now: Date) => ({
  piiCiphertext: null,
  piiKeyId: null,
  pinCiphertext: null,
  pinKeyId: null,
  piiPurgedAt: now,
  updatedAt: now,
});

/**
 * What goes with a parcel's personal data, in the purge's own transaction: proof photos (they show
 * the recipient's door), the thread with who read how far, and a finder's contact. Keyed by the
 * parcels just purged, so the hourly run costs what it purges, not every parcel ever purged.
 */
async function purgeAlongside(tx: Transaction, parcelIds: string[]): Promise<void> {
  if (parcelIds.length === 0) return;
  await purgeProofPhotos(tx, parcelIds);
  await tx.delete(messages).where(inArray(messages.parcelId, parcelIds));
  await tx.delete(messageReads).where(inArray(messageReads.parcelId, parcelIds));
  await tx
    .update(reports)
    .set({ contactKeyId: null, contactCiphertext: null })
    .where(and(isNotNull(reports.contactCiphertext), inArray(reports.parcelId, parcelIds)));
}

/**
 * A finder may report a parcel after it was purged: that contact goes at the next run. Read from
 * the reports that still hold a contact (a month's worth at most), never from the purged parcels.
 */
async function forgetLateContacts(db: Database): Promise<void> {
  await db
    .update(reports)
    .set({ contactKeyId: null, contactCiphertext: null })
    .where(
      and(
        isNotNull(reports.contactCiphertext),
        exists(
          db
            .select({ one: sql`1` })
            .from(parcels)
            .where(and(eq(parcels.id, reports.parcelId), isNotNull(parcels.piiPurgedAt))),
        ),
      ),
    );
}

/** Purges matching rows batch by batch; stops when a batch comes back short. */
async function purgeWhere(db: Database, expired: SQL[], now: Date, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = db
      .select({ id: parcels.id })
      .from(parcels)
      .where(and(...expired))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    const rows = await db.transaction(async (tx) => {
      const purged = await tx
        .update(parcels)
        .set(purgedColumns(now))
        // The outer check is belt and braces: the locked rows already match.
        .where(and(inArray(parcels.id, batch), isNotNull(parcels.piiCiphertext)))
        .returning({ id: parcels.id });
      await purgeAlongside(
        tx,
        purged.map((row) => row.id),
      );
      return purged;
    });
    total += rows.length;
    // A short batch means no unlocked row is left; rows another run has locked
    // are that run's to purge, and anything left over waits for the next hour.
    if (rows.length < batchSize) return total;
  }
}
