import type { NewParcel } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { hashNormalizedPhone } from "@/lib/privacy/keys";
import { maskAddress, maskName, maskNormalizedPhone, maskPostalCode } from "@/lib/privacy/mask";
import { normalizePhone } from "@/lib/privacy/phone";
import { encryptJson, piiKeyRing } from "@/lib/privacy/pii-crypto";
import { newParcelCode } from "./code";
import { newParcelId } from "./parcel-id";

/** The recipient's personal data: only ever stored encrypted, only ever shown masked or to those allowed. */
export type Recipient = {
  name: string;
  phone: string;
  address: string;
  addressDetail?: string;
  postalCode?: string;
  memo?: string;
};

export type ParcelInput = { recipient: Recipient; itemName?: string; printItemName?: boolean; reference?: string };

/** A row as newParcelRow builds it: every column it sets, with its type narrowed (the registration is the caller's). */
export type NewParcelRow = Omit<NewParcel, "registrationId"> & {
  id: string;
  code: string;
  piiKeyId: string;
  piiCiphertext: Buffer;
  maskedPostalCode: string | null;
  itemName: string | null;
  printItemName: boolean;
  reference: string | null;
};

/**
 * Turns validated input into a row: a fresh opaque code, the personal data
 * encrypted under the current key (bound to the row's id), the phone's
 * ownership hash, and the masked forms every stranger's view is served from.
 * A batch passes codes it drew all at once (newParcelCodes).
 */
export function newParcelRow(
  carrierId: string,
  input: ParcelInput,
  config: Pick<Env, "PII_KEYS" | "AUTH_SECRET" | "PHONE_HASH_KEY">,
  code: string = newParcelCode(),
): NewParcelRow {
  const { recipient } = input;
  // Normalised once here: hashing and masking would each do it again from the raw input.
  const phone = normalizePhone(recipient.phone);
  if (phone === null) throw new Error("recipient.phone is not a phone number");
  const id = newParcelId();
  const { keyId, ciphertext } = encryptJson(piiKeyRing(config.PII_KEYS), recipient, id);
  return {
    id,
    code,
    carrierId,
    recipientPhoneHash: hashNormalizedPhone(phone, config),
    maskedName: maskName(recipient.name),
    maskedPhone: maskNormalizedPhone(phone),
    maskedAddress: maskAddress(recipient.address),
    maskedPostalCode: recipient.postalCode ? maskPostalCode(recipient.postalCode) : null,
    piiKeyId: keyId,
    piiCiphertext: ciphertext,
    itemName: input.itemName ?? null,
    printItemName: input.printItemName ?? false,
    reference: input.reference ?? null,
  };
}
