import { desc, eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { parcelProofs } from "@/db/schema";
import type { PiiKeyRing } from "@/lib/core/pii-keys";
import { decryptPii, encryptPii } from "@/lib/privacy/pii-crypto";

export type ProofPhoto = { contentType: string; bytes: Buffer };
type Writer = Pick<Database, "insert">;

/**
 * Where proof-of-delivery photos live. The database is the simplest store that is
 * encrypted, transactional with the delivery event and purged with the parcel's data;
 * object storage could implement the same three calls.
 */
export type ProofStore = {
  put(tx: Writer, parcelId: string, photo: ProofPhoto, userId: string | null): Promise<void>;
  latest(db: Pick<Database, "select">, parcelId: string): Promise<ProofPhoto | null>;
};

/** The retention purge's part (lib/parcels/purge.ts): photos go with the rest of the personal data. */
export async function purgeProofPhotos(tx: Pick<Transaction, "delete">, parcelIds: string[]): Promise<void> {
  if (parcelIds.length) await tx.delete(parcelProofs).where(inArray(parcelProofs.parcelId, parcelIds));
}

// The parcel id and kind as associated data: a photo copied onto another parcel fails to decrypt.
const photoAad = (parcelId: string) => `${parcelId}:proof-photo`;

export function databaseProofStore(ring: PiiKeyRing): ProofStore {
  return {
    async put(tx, parcelId, photo, userId) {
      const { keyId, ciphertext } = encryptPii(ring, photo.bytes, photoAad(parcelId));
      await tx.insert(parcelProofs).values({
        parcelId,
        kind: "photo",
        keyId,
        ciphertext,
        contentType: photo.contentType,
        size: photo.bytes.length,
        createdBy: userId,
      });
    },
    async latest(db, parcelId) {
      const [row] = await db
        .select({ keyId: parcelProofs.keyId, ciphertext: parcelProofs.ciphertext, type: parcelProofs.contentType })
        .from(parcelProofs)
        .where(eq(parcelProofs.parcelId, parcelId))
        .orderBy(desc(parcelProofs.id))
        .limit(1);
      if (!row) return null;
      return { contentType: row.type, bytes: decryptPii(ring, row.keyId, row.ciphertext, photoAad(parcelId)) };
    },
  };
}
