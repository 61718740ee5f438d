import "server-only";
import type { PendingQuery, Row, Sql } from "postgres";
import { z } from "zod";
import { dayStart, nextDayStart } from "@/lib/admin/parcel-list";
import { parseParcelCode } from "@/lib/parcels/code";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/** The audit log's filters, from a query string (every field optional, empty means unset). */
export const auditQuerySchema = z.object({
  courier: optional(z.uuid({ error: "must be a staff member's id" })),
  parcel: optional(z.string().trim().max(64)),
  from: optional(z.string().regex(DATE, "must be a date (YYYY-MM-DD)")),
  to: optional(z.string().regex(DATE, "must be a date (YYYY-MM-DD)")),
  // Keyset cursor: the id of the last row of the page before.
  after: optional(z.string().regex(/^\d{1,18}$/, "must be a cursor from the previous page")),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** The columns both the page and the CSV show: who saw which fields of which parcel, when, from where. */
export type AuditColumns = {
  id: string;
  /** The row's place in the carrier's hash chain; null while it awaits sequencing (a few seconds). */
  seq: string | null;
  /** ISO 8601 with microseconds, as PostgreSQL stores it. */
  at: string;
  code: string;
  viewerRole: string;
  viewer: string | null;
  fields: string[];
  ip: string | null;
  userAgent: string | null;
  prevHash: string | null;
  hash: string | null;
};

/**
 * The carrier's audit rows matching `query`, newest first (by id: the rows awaiting sequencing
 * are listed too, at once). Always scoped to `carrierId`; a parcel code of another carrier, or
 * one that is not a code, matches nothing.
 */
export function auditRowsQuery(
  sql: Sql,
  carrierId: string,
  query: AuditQuery,
  limit: number | null,
): PendingQuery<(AuditColumns & Row)[]> {
  const none = sql``;
  const code = query.parcel ? parseParcelCode(query.parcel) : null;
  return sql<(AuditColumns & Row)[]>`
    select d.id::text as id, d.chain_seq::text as seq, to_json(d.created_at) #>> '{}' as at, p.code, d.viewer_role as "viewerRole",
           coalesce(u.email, k.name) as viewer, d.fields, d.ip, d.user_agent as "userAgent",
           d.prev_hash as "prevHash", d.hash
    from disclosures d
    join parcels p on p.id = d.parcel_id
    left join users u on u.id = d.viewer_user_id
    left join api_keys k on k.id = d.viewer_api_key_id
    where d.carrier_id = ${carrierId}
      ${query.courier ? sql`and d.viewer_user_id = ${query.courier}` : none}
      ${query.parcel ? sql`and d.parcel_id = (select id from parcels where code = ${code ?? ""} and carrier_id = ${carrierId})` : none}
      ${query.from ? sql`and d.created_at >= ${dayStart(query.from).toISOString()}::timestamptz` : none}
      ${query.to ? sql`and d.created_at < ${nextDayStart(query.to).toISOString()}::timestamptz` : none}
      ${query.after ? sql`and d.id < ${query.after}::bigint` : none}
    order by d.id desc
    ${limit === null ? none : sql`limit ${limit}`}`;
}
