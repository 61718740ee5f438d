import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { disclosures, parcels } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { storedError, type StoredResponse } from "@/lib/idempotency/idempotency";
import { isAssignedCourier } from "@/lib/parcels/access";
import type { Recipient } from "@/lib/parcels/new-parcel";
import type { RequestMeta } from "@/lib/core/request-meta";
import { decryptJson, piiKeyRing } from "@/lib/privacy/pii-crypto";
import type { Courier } from "./parcels";
import type { RevealedAddress } from "./types";

/** What a reveal discloses, as written into the audit log: the way to the door, not the name or phone. */
const REVEALED_FIELDS = ["address", "addressDetail", "postalCode", "memo"] as const;

/**
 * The full address of one parcel for the courier assigned to it while the delivery is active;
 * one disclosure row per reveal, in the same transaction as the read.
 */
export async function revealAddress(
  deps: { db: Database; config: Pick<Env, "PII_KEYS"> },
  courier: Courier,
  code: string,
  meta: RequestMeta,
): Promise<StoredResponse> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: parcels.id,
        status: parcels.status,
        carrierId: parcels.carrierId,
        courierId: parcels.courierId,
        keyId: parcels.piiKeyId,
        ciphertext: parcels.piiCiphertext,
      })
      .from(parcels)
      .where(and(eq(parcels.code, code), eq(parcels.carrierId, courier.carrierId)))
      .for("share");
    if (!row) return storedError(404, "not_found", "No parcel has this code.");
    if (!isAssignedCourier(courier, row) || !row.keyId || !row.ciphertext) {
      return storedError(403, "not_assigned", "You see this address only while you deliver this parcel.");
    }
    const recipient = decryptJson<Recipient>(piiKeyRing(deps.config.PII_KEYS), row.keyId, row.ciphertext, row.id);
    await tx.insert(disclosures).values({
      parcelId: row.id,
      viewerUserId: courier.userId,
      viewerRole: "courier",
      fields: [...REVEALED_FIELDS],
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    const body: RevealedAddress = {
      code,
      address: recipient.address,
      addressDetail: recipient.addressDetail ?? null,
      postalCode: recipient.postalCode ?? null,
      memo: recipient.memo ?? null,
    };
    return { status: 200, body };
  });
}
