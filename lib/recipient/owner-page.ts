import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Env } from "@/lib/config/env";
import { parcels } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { viewerOf } from "@/lib/auth/session-user";
import { messageAccess, type MessageAccess } from "@/lib/messages/message-access";
import { parseParcelCode } from "@/lib/parcels/code";
import { relationTo } from "@/lib/parcels/relation";
import { loadSnapshot } from "@/lib/parcels/snapshot";
import { isActiveDelivery, type ParcelStatus } from "@/lib/parcels/status";
import { ownerProof, type OwnerProof } from "./delivery-proof";
import { listDisclosures, type DisclosureEntry } from "./disclosures";
import { ownerTimeline, type OwnerTimelineEntry } from "./owner-timeline";

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

export async function loadOwnerPage(
  deps: { db: Database; config: Pick<Env, "PII_KEYS"> },
  user: SessionUser | null,
  rawCode: string,
): Promise<OwnerPage | null> {
  const code = parseParcelCode(rawCode);
  if (!code || user?.role !== "recipient") return null;
  const { db } = deps;
  const parcel = await loadSnapshot(db, code);
  if (!parcel) return null;
  const relation = relationTo(viewerOf(user), parcel);
  if (relation !== "owner") return null;
  const [registered] = await db.select({ at: parcels.createdAt }).from(parcels).where(eq(parcels.id, parcel.id));
  const [timeline, disclosures, proof] = await Promise.all([
    ownerTimeline(db, { id: parcel.id, carrierName: parcel.carrierName, registeredAt: registered!.at }),
    listDisclosures(db, parcel.id),
    ownerProof(deps, parcel),
  ]);
  return {
    code,
    status: parcel.status,
    purged: parcel.purged,
    canPurge: !parcel.purged && !isActiveDelivery(parcel.status),
    messages: messageAccess(relation, parcel),
    timeline,
    disclosures,
    proof,
  };
}
