import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { parcels, reports, type Report } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { decryptPii } from "@/lib/privacy/pii-crypto";
import { contactAad } from "./create-report";

/** A report as the carrier's admins read it: the finder's contact in clear, for them alone. */
export type CarrierReport = {
  reference: string;
  kind: Report["kind"];
  code: string;
  place: string | null;
  message: string | null;
  contact: string | null;
  at: string;
};

export const REPORTS_PAGE = 100;

/** The carrier's reports, newest first; `before` (an ISO time) pages back. */
export async function listCarrierReports(
  db: Database,
  config: Pick<Env, "PII_KEYS">,
  carrierId: string,
  before?: Date,
): Promise<CarrierReport[]> {
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
    })
    .from(reports)
    .innerJoin(parcels, eq(parcels.id, reports.parcelId))
    .where(and(eq(reports.carrierId, carrierId), before ? lt(reports.createdAt, before) : undefined))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(REPORTS_PAGE);
  return rows.map((row) => ({
    reference: row.reference,
    kind: row.kind,
    code: row.code,
    place: row.place,
    message: row.message,
    contact:
      row.keyId && row.ciphertext
        ? decryptPii(config.PII_KEYS, row.keyId, row.ciphertext, contactAad(row.id)).toString("utf8")
        : null,
    at: row.at.toISOString(),
  }));
}
