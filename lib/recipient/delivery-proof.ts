import "server-only";
import type { Database } from "@/db/client";
import { disclosures } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import type { PiiKeyRing } from "@/lib/core/pii-keys";
import type { RequestMeta } from "@/lib/core/request-meta";
import { readPin, type PinRow } from "@/lib/parcels/pin";
import { PIN_MAX_FAILURES } from "@/lib/parcels/proof-requirement";
import { databaseProofStore, type ProofPhoto } from "@/lib/parcels/proof-store";
import { isActiveDelivery, type ParcelStatus } from "@/lib/parcels/status";
import type { Viewer } from "@/lib/core/viewer";
import { piiKeyRing } from "@/lib/privacy/pii-crypto";

type Deps = { db: Database; config: Pick<Env, "PII_KEYS"> };

/**
 * The delivery proof as its owner sees it on /p/{code}: whether a photo was taken (the bytes come
 * from the photo route, never inlined) and the 4-digit PIN to tell the courier while the delivery
 * is under way. Only the owner's page calls this; nobody else is ever handed the PIN.
 */
export type OwnerProof = { photo: boolean; pin: string | null; pinLocked: boolean };

export function ownerProof(
  ring: PiiKeyRing,
  parcel: PinRow & { status: ParcelStatus; purged: boolean; photoTaken: boolean },
): OwnerProof {
  const pending = isActiveDelivery(parcel.status) && !parcel.purged;
  const pinLocked = parcel.pinFailures >= PIN_MAX_FAILURES;
  const pin = pending && !pinLocked ? readPin(ring, parcel) : null;
  return { photo: parcel.photoTaken, pin, pinLocked: pending && pinLocked };
}

/** What a view of the photo discloses, as the audit log and the owner's "who saw" list name it. */
const PROOF_PHOTO_FIELDS = ["proofPhoto"] as const;

/**
 * The latest delivery photo for its owner or an admin of its carrier (the caller has checked the
 * relation). An admin's view is a disclosure like any full view: written in the same transaction
 * as the read. The owner's own views are not logged, as everywhere.
 */
export async function readProofPhoto(
  deps: Deps,
  viewer: Extract<Viewer, { kind: "recipient" | "admin" }>,
  parcelId: string,
  meta: RequestMeta,
): Promise<ProofPhoto | null> {
  return deps.db.transaction(async (tx) => {
    const photo = await databaseProofStore(piiKeyRing(deps.config.PII_KEYS)).latest(tx, parcelId);
    if (photo && viewer.kind === "admin") {
      await tx.insert(disclosures).values({
        parcelId,
        viewerUserId: viewer.userId,
        viewerRole: "admin",
        fields: [...PROOF_PHOTO_FIELDS],
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 512) ?? null,
      });
    }
    return photo;
  });
}
