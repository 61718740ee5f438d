import "server-only";
import { and, desc, eq, notInArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { carriers, parcels } from "@/db/schema";
import { courierUnreadCount } from "@/lib/messages/reads";
import { isAssignedCourier, maySeeItemName } from "@/lib/parcels/access";
import type { ProofRequirement } from "@/lib/core/proof-requirement";
import { effectiveProof, PIN_MAX_FAILURES } from "@/lib/parcels/proof-requirement";
import { allowedNext, type ParcelStatus } from "@/lib/parcels/status";
import type { Viewer } from "@/lib/core/viewer";
import { COURIER_STATUSES, type CourierParcel, type ScannedParcel } from "./types";

export type Courier = Extract<Viewer, { kind: "courier" }>;

// Masked forms and facts only: nothing here is decrypted (the phone hash only decides the item name;
// the unread count counts messages without opening them).
const columns = {
  code: parcels.code,
  status: parcels.status,
  carrierId: parcels.carrierId,
  courierId: parcels.courierId,
  maskedAddress: parcels.maskedAddress,
  itemName: parcels.itemName,
  printItemName: parcels.printItemName,
  recipientPhoneHash: parcels.recipientPhoneHash,
  proof: parcels.proofRequired,
  carrierProof: carriers.proofDefault,
  selfClaim: carriers.selfClaim,
  pinFailures: parcels.pinFailures,
};
const columnsFor = (courier: Courier) => ({ ...columns, unreadMessages: courierUnreadCount(courier.userId) });
type Row = {
  code: string;
  status: ParcelStatus;
  carrierId: string;
  courierId: string | null;
  maskedAddress: string;
  itemName: string | null;
  printItemName: boolean;
  recipientPhoneHash: string;
  proof: ProofRequirement | null;
  carrierProof: ProofRequirement;
  selfClaim: boolean;
  pinFailures: number;
  unreadMessages: number;
};

const COURIER_CAN_SET: ReadonlySet<string> = new Set(COURIER_STATUSES);

function toDto(courier: Courier, row: Row): CourierParcel {
  const mine = isAssignedCourier(courier, row);
  return {
    code: row.code,
    status: row.status,
    maskedAddress: row.maskedAddress,
    itemName: maySeeItemName(courier, row) ? row.itemName : null,
    next: mine ? allowedNext(row.status).filter((status) => COURIER_CAN_SET.has(status)) : [],
    proof: effectiveProof(row.proof, row.carrierProof),
    pinLocked: row.pinFailures >= PIN_MAX_FAILURES,
    unreadMessages: row.unreadMessages,
  };
}

/** The courier's parcels whose delivery is still under way, most recently changed first. */
export async function listCourierParcels(db: Database, courier: Courier): Promise<CourierParcel[]> {
  const rows = await db
    .select(columnsFor(courier))
    .from(parcels)
    .innerJoin(carriers, eq(carriers.id, parcels.carrierId))
    .where(
      and(
        eq(parcels.courierId, courier.userId),
        eq(parcels.carrierId, courier.carrierId),
        notInArray(parcels.status, ["delivered", "returned"]),
      ),
    )
    .orderBy(desc(parcels.updatedAt))
    .limit(500);
  return rows.map((row) => toDto(courier, row));
}

/**
 * One scanned parcel of the courier's own carrier (another carrier's code is not found): actions
 * only when it is theirs; claimable when nobody has it and the carrier lets couriers claim.
 */
export async function scannedParcel(db: Database, courier: Courier, code: string): Promise<ScannedParcel | null> {
  const [row] = await db
    .select(columnsFor(courier))
    .from(parcels)
    .innerJoin(carriers, eq(carriers.id, parcels.carrierId))
    .where(and(eq(parcels.code, code), eq(parcels.carrierId, courier.carrierId)));
  if (!row) return null;
  const assigned = isAssignedCourier(courier, row);
  const claimable = row.selfClaim && row.courierId === null && allowedNext(row.status).length > 0;
  return { ...toDto(courier, row), assigned, claimable };
}
