import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { carriers, parcels } from "@/db/schema";

/**
 * A parcel of this carrier, its row locked for the rest of the transaction, with what a change
 * to it is judged on (status, courier, proof rules, PIN, registration time). Another carrier's parcel is undefined,
 * exactly like no parcel. One select for every writer, so they all lock the same way.
 */
export async function lockCarrierParcel(tx: Transaction, carrierId: string, code: string) {
  const [row] = await tx
    .select({
      id: parcels.id,
      code: parcels.code,
      reference: parcels.reference,
      status: parcels.status,
      courierId: parcels.courierId,
      proof: parcels.proofRequired,
      carrierProof: carriers.proofDefault,
      selfClaim: carriers.selfClaim,
      pinKeyId: parcels.pinKeyId,
      pinCiphertext: parcels.pinCiphertext,
      pinFailures: parcels.pinFailures,
      registeredAt: parcels.createdAt,
    })
    .from(parcels)
    .innerJoin(carriers, eq(carriers.id, parcels.carrierId))
    .where(and(eq(parcels.code, code), eq(parcels.carrierId, carrierId)))
    .for("update", { of: parcels });
  return row;
}

export type LockedParcel = NonNullable<Awaited<ReturnType<typeof lockCarrierParcel>>>;
