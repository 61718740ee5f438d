import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { messageReads, parcels } from "@/db/schema";

/**
 * Marks a thread read up to `lastMessageId` (the newest message the reader was shown). Never
 * moves backwards: a slow response to an older read must not bring messages back as unread.
 */
export async function markThreadRead(
  db: Database,
  parcelId: string,
  userId: string,
  lastMessageId: number,
): Promise<void> {
  await db
    .insert(messageReads)
    .values({ parcelId, userId, lastReadMessageId: lastMessageId })
    .onConflictDoUpdate({
      target: [messageReads.parcelId, messageReads.userId],
      set: { lastReadMessageId: sql`greatest(${messageReads.lastReadMessageId}, excluded.last_read_message_id)` },
      setWhere: sql`${messageReads.lastReadMessageId} < excluded.last_read_message_id`,
    });
}

/**
 * For a select over `parcels`: how many messages from the recipient `courierId` has not read.
 * Only while the parcel is theirs and only since their assignment, as the thread shows them;
 * one index range on messages_parcel_idx per parcel.
 */
export function courierUnreadCount(courierId: string): SQL<number> {
  return sql<number>`(
    select count(*)::int from messages m
    where m.parcel_id = ${parcels.id}
      and ${parcels.courierId} = ${courierId}
      and m.sender_role = 'recipient'
      and m.created_at >= coalesce(${parcels.courierAssignedAt}, ${parcels.createdAt})
      and m.id > coalesce((
        select r.last_read_message_id from message_reads r
        where r.parcel_id = ${parcels.id} and r.user_id = ${courierId}
      ), 0)
  )`;
}
