import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { parcels } from "@/db/schema";
import { newParcelCode } from "./code";

/**
 * Mints a new code for a parcel whose label leaked or was damaged. The old code
 * stops resolving at once (it is simply no longer in the table, so it answers
 * exactly like a code that never existed). Returns null for another carrier's
 * parcel or an unknown code.
 */
export async function reissueCode(db: Database, carrierId: string, code: string): Promise<string | null> {
  const fresh = newParcelCode();
  const [row] = await db
    .update(parcels)
    .set({ code: fresh, updatedAt: sql`now()` })
    .where(and(eq(parcels.code, code), eq(parcels.carrierId, carrierId)))
    .returning({ code: parcels.code });
  return row?.code ?? null;
}
