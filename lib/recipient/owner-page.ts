import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Env } from "@/lib/config/env";
import { carriers, parcelProofs, parcels } from "@/db/schema";
import type { SessionUser } from "@/lib/core/session-user";
import { viewerOf } from "@/lib/core/session-user";
import { messageAccess, type MessageAccess } from "@/lib/messages/message-access";
import { parseParcelCode } from "@/lib/parcels/code";
import { relationTo } from "@/lib/parcels/relation";
import { isActiveDelivery, type ParcelStatus } from "@/lib/parcels/status";
import { ownerProof, type OwnerProof } from "./delivery-proof";
import { listDisclosures, type DisclosureEntry } from "./disclosures";
import { ownerTimeline, type OwnerTimelineEntry } from "./owner-timeline";
import { piiKeyRing } from "@/lib/privacy/pii-crypto";

/** What the owner's parts of /p/{code} show besides the parcel's view; null for anyone but the owner. */
export type OwnerPage = {
  code: string;
  status: ParcelStatus;
  purged: boolean;
  canPurge: boolean;
  messages: MessageAccess;
  timeline: OwnerTimelineEntry[];
  disclosures: DisclosureEntry[];
  proof: OwnerProof;
};

/**
 * Everything about the parcel itself the owner's parts need, in one query: who it belongs to,
 * its status, the PIN's columns and whether a delivery photo exists. One query, not one per
 * part: the owner's page is the heaviest page a recipient opens.
 */
async function ownerFacts(db: Database, code: string) {
  const [row] = await db
    .select({
      id: parcels.id,
      status: parcels.status,
      carrierId: parcels.carrierId,
      carrierName: carriers.name,
      courierId: parcels.courierId,
      recipientPhoneHash: parcels.recipientPhoneHash,
      piiPurgedAt: parcels.piiPurgedAt,
      registeredAt: parcels.createdAt,
      pinKeyId: parcels.pinKeyId,
      pinCiphertext: parcels.pinCiphertext,
      pinFailures: parcels.pinFailures,
      photoTaken: sql<boolean>`exists (select 1 from ${parcelProofs} where ${parcelProofs.parcelId} = ${parcels.id})`,
    })
    .from(parcels)
    .innerJoin(carriers, eq(carriers.id, parcels.carrierId))
    .where(eq(parcels.code, code))
    .limit(1);
  return row ? { ...row, purged: row.piiPurgedAt !== null } : null;
}

export async function loadOwnerPage(
  deps: { db: Database; readDb: Database; config: Pick<Env, "PII_KEYS"> },
  user: SessionUser | null,
  rawCode: string,
): Promise<OwnerPage | null> {
  const code = parseParcelCode(rawCode);
  if (!code || user?.role !== "recipient") return null;
  const { db } = deps;
  const parcel = await ownerFacts(db, code);
  if (!parcel) return null;
  const relation = relationTo(viewerOf(user), parcel);
  if (relation !== "owner") return null;
  // Who owns the parcel is decided on the primary above; the history shown may lag a replica's delay.
  const { readDb } = deps;
  const [timeline, disclosures] = await Promise.all([
    ownerTimeline(readDb, parcel),
    listDisclosures(readDb, parcel.id),
  ]);
  return {
    code,
    status: parcel.status,
    purged: parcel.purged,
    canPurge: !parcel.purged && !isActiveDelivery(parcel.status),
    messages: messageAccess(relation, parcel),
    timeline,
    disclosures,
    proof: ownerProof(piiKeyRing(deps.config.PII_KEYS), parcel),
  };
}
