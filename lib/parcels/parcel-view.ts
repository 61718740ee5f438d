import type { ParcelStatus } from "./status";
import type { Recipient } from "./new-parcel";
import type { ParcelSnapshot } from "./snapshot";

/**
 * What a viewer is sent about a parcel: a DTO, never a row. A masked view has
 * only masked forms (no detail, no memo); a full view has the recipient in clear
 * and the timeline. The client never receives a full value to mask itself.
 */
type Common = { code: string; status: ParcelStatus; carrierName: string; itemName: string | null };

export type MaskedParcelView = Common & {
  visibility: "masked";
  expired: boolean;
  recipient: { name: string; phone: string; address: string; postalCode: string | null };
};

/**
 * One step of the life cycle. `at` is the device's time of the tap, `recordedAt` the server's;
 * `applied` is false for a late upload that did not move the status; `by` never holds a phone.
 */
export type TimelineEntry = {
  status: ParcelStatus;
  at: string;
  recordedAt: string;
  reason: string | null;
  note: string | null;
  place: string | null;
  applied: boolean;
  by: { role: "courier" | "admin" | "carrier"; name: string | null } | null;
};

export type FullParcelView = Common & {
  visibility: "full";
  expired: false;
  recipient: {
    name: string;
    phone: string;
    address: string;
    addressDetail: string | null;
    postalCode: string | null;
    memo: string | null;
  };
  timeline: TimelineEntry[];
};

export type ParcelView = MaskedParcelView | FullParcelView;

/** The fields a full view discloses, as written into the audit log. */
export const FULL_VIEW_FIELDS = ["name", "phone", "address", "addressDetail", "postalCode", "memo"] as const;

function common(snapshot: ParcelSnapshot): Common {
  return {
    code: snapshot.code,
    status: snapshot.status,
    carrierName: snapshot.carrierName,
    itemName: snapshot.itemName,
  };
}

/** `showItemName` comes from decideAccess: the item name is withheld from most who get a masked view. */
export function maskedView(snapshot: ParcelSnapshot, expired: boolean, showItemName: boolean): MaskedParcelView {
  const base = common(snapshot);
  return {
    ...base,
    itemName: showItemName ? base.itemName : null,
    visibility: "masked",
    expired,
    recipient: { ...snapshot.masked },
  };
}

export function fullView(snapshot: ParcelSnapshot, recipient: Recipient, timeline: TimelineEntry[]): FullParcelView {
  return {
    ...common(snapshot),
    visibility: "full",
    expired: false,
    recipient: {
      name: recipient.name,
      phone: recipient.phone,
      address: recipient.address,
      addressDetail: recipient.addressDetail ?? null,
      postalCode: recipient.postalCode ?? null,
      memo: recipient.memo ?? null,
    },
    timeline,
  };
}
