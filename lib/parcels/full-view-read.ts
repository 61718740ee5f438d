import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { ParcelSnapshot } from "./snapshot";
import type { ParcelStatus } from "./status";
import { fullViewSteps, RECORDED_MARGIN_MS, type TimelineRow } from "./timeline";
import type { TimelineEntry } from "./parcel-view";

/** Who viewed, from where: the audit row's own columns (the insert trigger fills the rest). */
export type DisclosureRow = {
  viewerUserId: string | null;
  viewerApiKeyId: string | null;
  viewerRole: string;
  fields: string[];
  ip: string | null;
  userAgent: string | null;
};

export type FullViewRead = { piiKeyId: string; piiCiphertext: Buffer; timeline: TimelineEntry[] };

type Row = {
  pii_key_id: string;
  pii_ciphertext: Buffer;
  registered_at: string;
  status: ParcelStatus | null;
  occurred_at: string | null;
  recorded_at: string | null;
  reason: string | null;
  note: string | null;
  place: string | null;
  applied: boolean | null;
  user_role: TimelineRow["userRole"];
  user_name: string | null;
  api_key_id: string | null;
  key_carrier: string | null;
};

// Timestamps come back as PostgreSQL's text here (the drizzle driver leaves their parsing to
// its column types), in a form Date reads, truncated to milliseconds as everywhere else.
const date = (text: string) => new Date(text);

/** The audit row's field list as an array literal: fixed identifiers, no quoting needed. */
function arrayLiteral(fields: readonly string[]): string {
  if (fields.some((field) => !/^[A-Za-z]+$/.test(field))) throw new Error("field names must be plain identifiers");
  return `{${fields.join(",")}}`;
}

/**
 * A full view in one statement: the parcel's row locked for share, provided every fact the access
 * decision read from the cached snapshot still holds on it, the audit row (when `audit` is given)
 * and the timeline, committed together before the caller answers. Null when the row no longer
 * matches the snapshot: the caller then decides again on the row itself.
 *
 * One round trip instead of a transaction's five (BEGIN, the row, the timeline, the audit row,
 * COMMIT): each costs the app a socket write and a reply to parse, which is most of what an
 * audited view costs it.
 */
export async function readFullViewAtOnce(
  db: Database,
  snapshot: ParcelSnapshot,
  audit: DisclosureRow | null,
): Promise<FullViewRead | null> {
  const deliveredAt = snapshot.deliveredAt?.toISOString() ?? null;
  const rows = (await db.execute(sql`
    with p as (
      select id, pii_key_id, pii_ciphertext, created_at from parcels
      where id = ${snapshot.id}::uuid and code = ${snapshot.code} and status = ${snapshot.status}::parcel_status
        and courier_id is not distinct from ${snapshot.courierId}::uuid
        and date_trunc('milliseconds', delivered_at) is not distinct from ${deliveredAt}::timestamptz
        and pii_purged_at is null and pii_key_id is not null and pii_ciphertext is not null
      for share
    ), audit as (
      insert into disclosures (parcel_id, viewer_user_id, viewer_api_key_id, viewer_role, fields, ip, user_agent)
      select id, ${audit?.viewerUserId ?? null}::uuid, ${audit?.viewerApiKeyId ?? null}::uuid,
        ${audit?.viewerRole ?? null}, ${arrayLiteral(audit?.fields ?? [])}::text[], ${audit?.ip ?? null},
        ${audit?.userAgent ?? null}
      from p where ${audit !== null}::boolean
    )
    select p.pii_key_id, p.pii_ciphertext, p.created_at as registered_at, e.*
    from p
    left join lateral (
      -- Run per row of p (OFFSET 0 keeps PostgreSQL from flattening it), so that the
      -- registration time prunes the older partitions of parcel_events as the transaction's
      -- timeline query does with its constant (db/partitions.ts).
      select e.status, e.occurred_at, e.recorded_at, e.reason, e.note, e.place, e.applied, e.id,
        u.role as user_role, u.display_name as user_name, e.actor_api_key_id as api_key_id, kc.name as key_carrier
      from parcel_events e
      left join users u on u.id = e.actor_user_id
      left join api_keys k on k.id = e.actor_api_key_id
      left join carriers kc on kc.id = k.carrier_id
      where e.parcel_id = ${snapshot.id}::uuid
        and e.recorded_at >= p.created_at - ${RECORDED_MARGIN_MS}::bigint * interval '1 millisecond'
      offset 0
    ) e on true
    order by e.occurred_at, e.id`)) as unknown as Row[];
  const [first] = rows;
  if (!first) return null;
  const registeredAt = date(first.registered_at);
  return {
    piiKeyId: first.pii_key_id,
    piiCiphertext: first.pii_ciphertext,
    timeline: fullViewSteps(events(rows), registeredAt),
  };
}

/** The timeline's rows: a parcel without events comes back as one row with no event in it. */
function events(rows: readonly Row[]): TimelineRow[] {
  return rows.flatMap((row) =>
    row.status === null || row.occurred_at === null || row.recorded_at === null
      ? []
      : [
          {
            status: row.status,
            at: date(row.occurred_at),
            recordedAt: date(row.recorded_at),
            reason: row.reason,
            note: row.note,
            place: row.place,
            applied: row.applied ?? true,
            userRole: row.user_role,
            userName: row.user_name,
            apiKeyId: row.api_key_id,
            keyCarrier: row.key_carrier,
          },
        ],
  );
}
