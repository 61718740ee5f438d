import "server-only";
import { and, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { parcels, users } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/core/keyset";
import { parseParcelCode } from "@/lib/parcels/code";
import { PARCEL_STATUSES, type ParcelStatus } from "@/lib/parcels/status";

/** One row of the console's parcel table: masked forms only, never anything decrypted. */
export type ParcelListRow = {
  code: string;
  status: ParcelStatus;
  maskedName: string;
  maskedPhone: string;
  maskedAddress: string;
  reference: string | null;
  itemName: string | null;
  courierEmail: string | null;
  createdAt: string;
};

export type ParcelPage = { rows: ParcelListRow[]; next: string | null };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/** The list's query string, as the page receives it (every field optional, empty means unset). */
export const parcelListQuerySchema = z.object({
  q: optional(z.string().trim().max(100)),
  status: optional(z.enum(PARCEL_STATUSES)),
  courier: optional(z.uuid()),
  from: optional(z.string().regex(DATE)),
  to: optional(z.string().regex(DATE)),
  after: optional(z.string().max(200)),
});
export type ParcelListQuery = z.output<typeof parcelListQuerySchema>;

export const PAGE_SIZE = 50;

/** Days are the office's days (Korea, UTC+9, no daylight saving). */
export const dayStart = (day: string) => new Date(`${day}T00:00:00+09:00`);
export const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

function conditions(carrierId: string, query: ParcelListQuery): SQL[] {
  const where: SQL[] = [eq(parcels.carrierId, carrierId)];
  if (query.q) {
    const code = parseParcelCode(query.q);
    // A code is unique; a reference is the shipper's own order number, exact match.
    where.push(code ? or(eq(parcels.code, code), eq(parcels.reference, query.q))! : eq(parcels.reference, query.q));
  }
  if (query.status) where.push(eq(parcels.status, query.status));
  if (query.courier) where.push(eq(parcels.courierId, query.courier));
  if (query.from) where.push(gte(parcels.createdAt, dayStart(query.from)));
  if (query.to) where.push(lt(parcels.createdAt, nextDayStart(query.to)));
  const cursor = decodeCursor(query.after);
  if (cursor) where.push(sql`(${parcels.createdAt}, ${parcels.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  return where;
}

/**
 * One page of the carrier's parcels, newest first, by keyset: each page starts after the
 * last row of the one before, so a deep page costs what the first does (indexes in
 * migration 0007). Always scoped to `carrierId`, whatever the query says.
 */
export async function listParcels(db: Database, carrierId: string, query: ParcelListQuery): Promise<ParcelPage> {
  const rows = await db
    .select({
      id: parcels.id,
      code: parcels.code,
      status: parcels.status,
      maskedName: parcels.maskedName,
      maskedPhone: parcels.maskedPhone,
      maskedAddress: parcels.maskedAddress,
      reference: parcels.reference,
      itemName: parcels.itemName,
      courierEmail: users.email,
      createdAt: parcels.createdAt,
      cursorAt: sql<string>`${parcels.createdAt}::text`,
    })
    .from(parcels)
    .leftJoin(users, eq(users.id, parcels.courierId))
    .where(and(...conditions(carrierId, query)))
    .orderBy(desc(parcels.createdAt), desc(parcels.id))
    .limit(PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  const next = rows.length > PAGE_SIZE && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null;
  return { rows: page.map(toRow), next };
}

function toRow(
  row: Omit<ParcelListRow, "createdAt"> & { id: string; createdAt: Date; cursorAt: string },
): ParcelListRow {
  return {
    code: row.code,
    status: row.status,
    maskedName: row.maskedName,
    maskedPhone: row.maskedPhone,
    maskedAddress: row.maskedAddress,
    reference: row.reference,
    itemName: row.itemName,
    courierEmail: row.courierEmail,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The carrier's couriers, for the list's filter and the assignment controls. */
export async function listCourierChoices(db: Database, carrierId: string) {
  return db
    .select({ id: users.id, email: users.email, active: sql<boolean>`${users.disabledAt} is null` })
    .from(users)
    .where(and(eq(users.carrierId, carrierId), eq(users.role, "courier")))
    .orderBy(users.email);
}
