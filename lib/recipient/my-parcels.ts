import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { PARCEL_STATUSES, type ParcelStatus } from "@/lib/parcels/status";

/** Filters of `GET /api/v1/me/parcels` (its query string); unknown parameters are refused. */
export const myParcelsFilterSchema = z.strictObject({
  status: z.enum(PARCEL_STATUSES, { error: `must be one of ${PARCEL_STATUSES.join(", ")}` }).optional(),
  carrier: z.uuid({ error: "must be a carrier id" }).optional(),
});
export type MyParcelsFilter = z.output<typeof myParcelsFilterSchema>;

export type LatestEvent = { status: ParcelStatus; at: string; place: string | null };

/** One line of the recipient's list: no personal data, which the parcel page shows. */
export type MyParcel = {
  code: string;
  status: ParcelStatus;
  carrierId: string;
  carrierName: string;
  itemName: string | null;
  registeredAt: string;
  latest: LatestEvent;
  /** Messages from the courier the recipient has not read yet. */
  unreadMessages: number;
};
export type MyParcels = { parcels: MyParcel[]; carriers: { id: string; name: string }[] };

// Enough for a year of heavy online shopping; the list is a live status board, not an archive.
const MY_PARCELS_LIMIT = 500;

type Row = {
  code: string;
  status: ParcelStatus;
  carrier_id: string;
  carrier_name: string;
  item_name: string | null;
  created_at: Date | string;
  event_status: ParcelStatus | null;
  event_at: Date | string | null;
  event_place: string | null;
  unread_messages: number;
};

const iso = (value: Date | string) => new Date(value).toISOString();

function toParcel(row: Row): MyParcel {
  const registeredAt = iso(row.created_at);
  return {
    code: row.code,
    status: row.status,
    carrierId: row.carrier_id,
    carrierName: row.carrier_name,
    itemName: row.item_name,
    registeredAt,
    latest: row.event_status
      ? { status: row.event_status, at: iso(row.event_at!), place: row.event_place }
      : { status: "registered", at: registeredAt, place: null },
    unreadMessages: row.unread_messages,
  };
}

/**
 * Every parcel of every carrier whose recipient phone hash is the recipient's, newest first,
 * each with its latest event (one index lookup per parcel through parcel_events_parcel_idx),
 * the count of the courier's messages the owner has not read (one index range per parcel
 * through messages_parcel_idx), and the carriers of all of them for the filter, whatever the filter.
 */
export async function listMyParcels(
  db: Database,
  owner: { userId: string; phoneHash: string },
  filter: MyParcelsFilter,
): Promise<MyParcels> {
  const { userId, phoneHash } = owner;
  const status = filter.status ? sql`and p.status = ${filter.status}` : sql``;
  const carrier = filter.carrier ? sql`and p.carrier_id = ${filter.carrier}` : sql``;
  const [rows, carriers] = await Promise.all([
    db.execute<Row>(sql`
      select p.code, p.status, p.carrier_id, c.name as carrier_name, p.item_name, p.created_at,
             e.status as event_status, e.occurred_at as event_at, e.place as event_place,
             (select count(*)::int from messages m
              where m.parcel_id = p.id and m.sender_role = 'courier'
                and m.id > coalesce((select r.last_read_message_id from message_reads r
                                     where r.parcel_id = p.id and r.user_id = ${userId}), 0)) as unread_messages
      from parcels p
      join carriers c on c.id = p.carrier_id
      left join lateral (
        select status, occurred_at, place from parcel_events
        where parcel_id = p.id order by occurred_at desc, id desc limit 1
      ) e on true
      where p.recipient_phone_hash = ${phoneHash} ${status} ${carrier}
      order by p.created_at desc, p.id desc
      limit ${MY_PARCELS_LIMIT}`),
    db.execute<{ id: string; name: string }>(sql`
      select c.id, c.name from carriers c
      where c.id in (select distinct carrier_id from parcels where recipient_phone_hash = ${phoneHash})
      order by c.name`),
  ]);
  return { parcels: [...rows].map(toParcel), carriers: [...carriers].map(({ id, name }) => ({ id, name })) };
}
