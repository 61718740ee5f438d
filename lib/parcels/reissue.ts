import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { RedisClient } from "@/lib/redis/client";
import { transaction } from "@/db/transaction";
import { parcels } from "@/db/schema";
import { newParcelCode } from "./code";
import { forgetSnapshotOnCommit } from "./snapshot";

/**
 * Mints a new code for a parcel whose label leaked or was damaged. The old code
 * stops resolving at once (it is simply no longer in the table, so it answers
 * exactly like a code that never existed, its cached view forgotten). Returns null
 * for another carrier's parcel or an unknown code.
 */
export async function reissueCode(
  { db, redis }: { db: Database; redis: RedisClient },
  carrierId: string,
  code: string,
): Promise<string | null> {
  const fresh = newParcelCode();
  return transaction(db, async (tx) => {
    const [row] = await tx
      .update(parcels)
      .set({ code: fresh, updatedAt: sql`now()` })
      .where(and(eq(parcels.code, code), eq(parcels.carrierId, carrierId)))
      .returning({ code: parcels.code });
    if (!row) return null;
    forgetSnapshotOnCommit(tx, redis, code);
    return row.code;
  });
}
