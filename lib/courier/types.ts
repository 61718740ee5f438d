import type { ProofRequirement } from "@/lib/core/proof-requirement";
import type { ThreadMessage } from "@/lib/messages/thread";
import type { ParcelStatus } from "@/lib/parcels/status";

/** What a courier's screen gets about one parcel: masked only; the full address is revealed on request. */
export type CourierParcel = {
  code: string;
  status: ParcelStatus;
  maskedAddress: string;
  itemName: string | null;
  /** Statuses this courier may set now (empty when the parcel is not theirs). */
  next: ParcelStatus[];
  proof: ProofRequirement;
  pinLocked: boolean;
  /** Messages from the recipient this courier has not read yet (0 when the parcel is not theirs). */
  unreadMessages: number;
};

/** A scanned parcel: the courier's own (with actions), or someone else's / nobody's (masked, maybe claimable). */
export type ScannedParcel = CourierParcel & { assigned: boolean; claimable: boolean };

export type RevealedAddress = {
  code: string;
  address: string;
  addressDetail: string | null;
  postalCode: string | null;
  memo: string | null;
};

/** The buttons a courier has: the life cycle's steps; a return is the hub's business, not the doorstep's. */
export const COURIER_STATUSES = [
  "picked_up",
  "in_transit",
  "out_for_delivery",
  "delivered",
  "failed_attempt",
] as const satisfies readonly ParcelStatus[];

/** GET /api/v1/parcels/{code}/messages as the assigned courier reads it. */
export type CourierThread = { open: boolean; messages: ThreadMessage[] };
