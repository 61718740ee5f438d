import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { carriers, parcels, registrations } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { parcelUrl } from "@/lib/parcels/code";
import type { LabelData } from "./label-pdf";

/** Labels per PDF: a whole import prints in parts of this many. */
export const LABELS_PER_PDF = 1_000;

type Deps = { db: Database; config: Pick<Env, "PUBLIC_URL"> };
type LabelRow = { code: string; carrierName: string; itemName: string | null; printItemName: boolean };

const columns = {
  code: parcels.code,
  carrierName: carriers.name,
  itemName: parcels.itemName,
  printItemName: parcels.printItemName,
};

/** The printable facts only: never a recipient field, by construction. */
const toLabel = (config: Deps["config"], row: LabelRow): LabelData => ({
  url: parcelUrl(config.PUBLIC_URL, row.code),
  code: row.code,
  carrierName: row.carrierName,
  itemName: row.printItemName ? row.itemName : null,
});

/** The carrier's own parcels among `codes`, in the order given; another carrier's code is left out. */
export async function labelsByCodes({ db, config }: Deps, carrierId: string, codes: string[]): Promise<LabelData[]> {
  const rows = await db
    .select(columns)
    .from(parcels)
    .innerJoin(carriers, eq(carriers.id, parcels.carrierId))
    .where(and(eq(parcels.carrierId, carrierId), inArray(parcels.code, codes)));
  const byCode = new Map(rows.map((row) => [row.code, row]));
  return codes.flatMap((code) => {
    const row = byCode.get(code);
    return row ? [toLabel(config, row)] : [];
  });
}

/**
 * One part (1-based, LABELS_PER_PDF each) of the labels of an import of the carrier, in the
 * order the import registered them; empty for another carrier's import. The created_at bounds
 * let PostgreSQL read the import's stretch of parcels_carrier_created_id_idx only.
 */
export async function labelsOfImport({ db, config }: Deps, carrierId: string, importId: string, part: number) {
  const ofImport = and(eq(registrations.importId, importId), eq(registrations.carrierId, carrierId));
  const [span] = await db
    .select({
      first: sql<string | null>`min(${registrations.createdAt})::text`,
      last: sql<string | null>`max(${registrations.createdAt})::text`,
    })
    .from(registrations)
    .where(ofImport);
  if (!span?.first || !span.last) return [];
  const rows = await db
    .select(columns)
    .from(parcels)
    .innerJoin(carriers, eq(carriers.id, parcels.carrierId))
    .where(
      and(
        eq(parcels.carrierId, carrierId),
        sql`${parcels.createdAt} between ${span.first}::timestamptz and ${span.last}::timestamptz`,
        inArray(parcels.registrationId, db.select({ id: registrations.id }).from(registrations).where(ofImport)),
      ),
    )
    .orderBy(asc(parcels.createdAt), asc(parcels.id))
    .offset((part - 1) * LABELS_PER_PDF)
    .limit(LABELS_PER_PDF);
  return rows.map((row) => toLabel(config, row));
}
