import "server-only";
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { parcels, reportKind, reports, reportStatus, users, type Report } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { decodeCursor, encodeCursor } from "@/lib/core/keyset";
import { decryptPii, piiKeyRing } from "@/lib/privacy/pii-crypto";
import { contactAad } from "./create-report";

/**
 * A report as the carrier's admins read it: the finder's contact in clear, for them alone (the
 * inbox and the carrier's API key). Decrypting it writes no disclosure row: the contact is the
 * finder's, not the recipient's, and the disclosure log is the recipient's "who saw my data".
 */
export type CarrierReport = {
  reference: string;
  kind: Report["kind"];
  code: string;
  place: string | null;
  message: string | null;
  contact: string | null;
  at: string;
  status: Report["status"];
  note: string | null;
  handledAt: string | null;
  handledBy: string | null;
};

const REPORTS_PAGE = 100;
export const INBOX_PAGE = 30;

async function selectReports(
  db: Database,
  config: Pick<Env, "PII_KEYS">,
  where: SQL[],
  limit: number,
): Promise<(CarrierReport & { cursor: string })[]> {
  const rows = await db
    .select({
      id: reports.id,
      reference: reports.reference,
      kind: reports.kind,
      code: parcels.code,
      place: reports.place,
      message: reports.message,
      keyId: reports.contactKeyId,
      ciphertext: reports.contactCiphertext,
      at: reports.createdAt,
      cursorAt: sql<string>`${reports.createdAt}::text`,
      status: reports.status,
      note: reports.note,
      handledAt: reports.handledAt,
      handledBy: users.email,
    })
    .from(reports)
    .innerJoin(parcels, eq(parcels.id, reports.parcelId))
    .leftJoin(users, eq(users.id, reports.handledBy))
    .where(and(...where))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(limit);
  return rows.map((row) => ({
    reference: row.reference,
    kind: row.kind,
    code: row.code,
    place: row.place,
    message: row.message,
    contact:
      row.keyId && row.ciphertext
        ? decryptPii(piiKeyRing(config.PII_KEYS), row.keyId, row.ciphertext, contactAad(row.id)).toString("utf8")
        : null,
    at: row.at.toISOString(),
    status: row.status,
    note: row.note,
    handledAt: row.handledAt?.toISOString() ?? null,
    handledBy: row.handledBy,
    cursor: encodeCursor({ at: row.cursorAt, id: row.id }),
  }));
}

const withoutCursor = ({ cursor: _cursor, ...report }: CarrierReport & { cursor: string }): CarrierReport => report;

/** The carrier's reports, newest first; `before` (an ISO time) pages back. */
export async function listCarrierReports(
  db: Database,
  config: Pick<Env, "PII_KEYS">,
  carrierId: string,
  before?: Date,
): Promise<CarrierReport[]> {
  const where = [eq(reports.carrierId, carrierId), before ? lt(reports.createdAt, before) : undefined];
  return (
    await selectReports(
      db,
      config,
      where.filter((w): w is SQL => !!w),
      REPORTS_PAGE,
    )
  ).map(withoutCursor);
}

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/** The inbox's filters, from its query string. */
export const inboxQuerySchema = z.object({
  status: optional(z.enum(reportStatus)),
  kind: optional(z.enum(reportKind)),
  after: optional(z.string().max(200)),
});
export type InboxQuery = z.output<typeof inboxQuerySchema>;

/** One page of the carrier's inbox, newest first, by keyset (created_at, id); always the carrier's own. */
export async function listReportInbox(
  db: Database,
  config: Pick<Env, "PII_KEYS">,
  carrierId: string,
  query: InboxQuery,
): Promise<{ rows: CarrierReport[]; next: string | null }> {
  const where: SQL[] = [eq(reports.carrierId, carrierId)];
  if (query.status) where.push(eq(reports.status, query.status));
  if (query.kind) where.push(eq(reports.kind, query.kind));
  const cursor = decodeCursor(query.after);
  if (cursor) where.push(sql`(${reports.createdAt}, ${reports.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await selectReports(db, config, where, INBOX_PAGE + 1);
  const page = rows.slice(0, INBOX_PAGE);
  const next = rows.length > INBOX_PAGE ? (page.at(-1)?.cursor ?? null) : null;
  return { rows: page.map(withoutCursor), next };
}
