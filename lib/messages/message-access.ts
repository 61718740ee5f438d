import type { Relation } from "@/lib/parcels/relation";
import type { ParcelSnapshot } from "@/lib/parcels/snapshot";
import { isActiveDelivery } from "@/lib/parcels/status";

/**
 * Who may read and write a parcel's thread. Only two people ever: the owning recipient and
 * the courier assigned to it. Writing needs an active delivery with a courier assigned. The
 * courier reads only while the delivery is active (as with the address); the owner until the
 * thread is purged with the parcel's personal data.
 */
export type MessageAccess = { read: boolean; write: boolean };

export function messageAccess(
  relation: Relation,
  parcel: Pick<ParcelSnapshot, "status" | "courierId" | "purged">,
): MessageAccess {
  const open = isActiveDelivery(parcel.status) && parcel.courierId !== null && !parcel.purged;
  if (relation === "owner") return { read: !parcel.purged, write: open };
  if (relation === "assigned_courier") return { read: open, write: open };
  return { read: false, write: false };
}
