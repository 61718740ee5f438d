import { isActiveDelivery, type ParcelStatus } from "./status";
import type { Viewer } from "@/lib/core/viewer";

/** The facts about a parcel that decide who may see what; no personal data in clear. */
export type AccessFacts = {
  status: ParcelStatus;
  carrierId: string;
  courierId: string | null;
  recipientPhoneHash: string;
  deliveredAt: Date | null;
  purged: boolean;
  /** The shipper chose to print the item name on the label (then it is no secret). */
  printItemName: boolean;
  /** The carrier's own retention in days (its settings), if shorter than the server's it wins. */
  carrierRetentionDays?: number | null;
};

export type Access =
  | { visibility: "masked"; expired: boolean; itemName: boolean }
  | { visibility: "full"; audited: boolean; expired: false; itemName: true };

const DAY_MS = 86_400_000;

/**
 * Past retention the full data is gone (or about to be, before the hourly purge runs). The
 * server's retention is a ceiling; a carrier's shorter one applies to its parcels, as in the purge.
 */
function isExpired(facts: AccessFacts, retentionDays: number, now: Date): boolean {
  if (facts.purged) return true;
  const days = Math.min(retentionDays, facts.carrierRetentionDays ?? retentionDays);
  return facts.deliveredAt !== null && now.getTime() - facts.deliveredAt.getTime() > days * DAY_MS;
}

/** The courier assigned to this parcel of their own carrier, while its delivery is active: they may act on it. */
export function isAssignedCourier(viewer: Viewer, facts: Pick<AccessFacts, "status" | "carrierId" | "courierId">) {
  return (
    viewer.kind === "courier" &&
    viewer.userId === facts.courierId &&
    viewer.carrierId === facts.carrierId &&
    isActiveDelivery(facts.status)
  );
}

/** Whether this viewer may see the full data at all, ignoring retention. */
function entitledToFull(viewer: Viewer, facts: AccessFacts): boolean {
  switch (viewer.kind) {
    case "recipient":
      return viewer.phoneHash === facts.recipientPhoneHash;
    case "courier":
      return isAssignedCourier(viewer, facts);
    case "admin":
    case "api_key":
      return viewer.carrierId === facts.carrierId;
    case "anonymous":
      return false;
  }
}

/**
 * The item name is free text the shipper wrote: the owner, the carrier and the courier assigned
 * to the parcel (at any status) see it; anyone else only when it is printed on the label anyway.
 * Every door that shows a parcel asks this (the lookup, the courier's list and scan).
 */
export function maySeeItemName(
  viewer: Viewer,
  facts: Pick<AccessFacts, "printItemName" | "recipientPhoneHash" | "carrierId" | "courierId">,
): boolean {
  if (facts.printItemName) return true;
  switch (viewer.kind) {
    case "recipient":
      return viewer.phoneHash === facts.recipientPhoneHash;
    case "courier":
      return viewer.userId === facts.courierId && viewer.carrierId === facts.carrierId;
    case "admin":
    case "api_key":
      return viewer.carrierId === facts.carrierId;
    case "anonymous":
      return false;
  }
}

/**
 * The "who sees what" matrix (docs/access-and-sessions.md) in one place. Every full view by anyone
 * but the owning recipient is audited.
 */
export function decideAccess(viewer: Viewer, facts: AccessFacts, retentionDays: number, now: Date): Access {
  const expired = isExpired(facts, retentionDays, now);
  if (expired || !entitledToFull(viewer, facts)) {
    return { visibility: "masked", expired, itemName: maySeeItemName(viewer, facts) };
  }
  return { visibility: "full", audited: viewer.kind !== "recipient", expired: false, itemName: true };
}
