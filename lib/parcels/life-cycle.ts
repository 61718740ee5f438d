import type { ParcelStatus } from "./status";

/**
 * The transition table of ./status.ts on its own, with no database import, so the courier's
 * screen can show the next buttons of a status it has only queued offline.
 * Each list is in PARCEL_STATUSES order, so messages and `allowed` are stable.
 */
export const NEXT: Readonly<Record<ParcelStatus, readonly ParcelStatus[]>> = {
  registered: ["picked_up"],
  picked_up: ["in_transit", "returned"],
  in_transit: ["out_for_delivery", "returned"],
  out_for_delivery: ["failed_attempt", "delivered", "returned"],
  failed_attempt: ["out_for_delivery", "returned"],
  delivered: [],
  returned: [],
};

export function allowedNext(status: ParcelStatus): readonly ParcelStatus[] {
  return NEXT[status];
}

/** Why a delivery attempt failed; "other" comes with a note in the courier's words. */
export const FAILED_ATTEMPT_REASONS = ["absent", "wrong_address", "refused", "no_access", "other"] as const;
export type FailedAttemptReason = (typeof FAILED_ATTEMPT_REASONS)[number];
